package io.qbmc.backup;

import io.qbmc.diag.Code;
import io.qbmc.runtime.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backup chain: a folder holding link 0000 (a full backup) and incremental links 0001, 0002, ...,
 * each a folder with data.raw and manifest.json. A link appears under its name only once it is
 * complete and durable; a folder whose name starts with a dot is a link being written (or left by
 * a crash) and is not part of the chain.
 */
public final class Chain {
    private final Path dir;
    private final List<Link> links;

    /** One link: its folder and manifest. */
    public record Link(Path dir, Manifest manifest) {
        public String name() {
            return Chain.name(manifest.link());
        }

        public Path data() {
            return dir.resolve(Manifest.DATA);
        }
    }

    private Chain(Path dir, List<Link> links) {
        this.dir = dir;
        this.links = List.copyOf(links);
    }

    public static String name(int link) {
        return String.format("%04d", link);
    }

    public Path dir() {
        return dir;
    }

    public List<Link> links() {
        return links;
    }

    public Link last() {
        return links.get(links.size() - 1);
    }

    /** Whether a folder holds links (complete ones) at all; a missing folder holds none. */
    public static boolean hasLinks(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> isLinkName(p.getFileName().toString()));
        }
    }

    static boolean isLinkName(String n) {
        return n.matches("\\d{4,}");
    }

    /** Link names in chain order: by number, so that 10000 comes after 9999, not before 1001. */
    static final Comparator<String> BY_NUMBER = Comparator.comparing(BigInteger::new);

    /**
     * The chain folder a path lies in, if any: the path itself or an ancestor that holds a full link
     * (0000/manifest.json), compared by real path (symbolic links resolved; a path that does not
     * exist yet is resolved through its nearest existing ancestor).
     */
    static Path enclosingChain(Path p) throws IOException {
        for (Path a = realPath(p); a != null; a = a.getParent()) {
            if (Files.isRegularFile(a.resolve(name(0)).resolve(Manifest.FILE))) {
                return a;
            }
        }
        return null;
    }

    /** The real path of p, or of its nearest existing ancestor with the rest appended. */
    static Path realPath(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        return existing.toRealPath().resolve(existing.relativize(abs));
    }

    /**
     * Reads and checks a chain: links numbered from 0 without gaps, the first full and the others
     * incremental, all of one chain id, image size and bitmap, extents in order inside the image,
     * data files present and as long as the image.
     */
    public static Chain read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new StackException(Code.CHAIN_INVALID, "There is no backup chain in " + dir + ": "
                    + (Files.exists(dir) ? "it is not a folder" : "the folder does not exist"),
                    "take a full backup first: qbmc backup STACK --bitmap NAME --target " + dir + " --full");
        }
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> isLinkName(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), BY_NUMBER)).forEach(folders::add);
        }
        for (Path f : folders) {
            if (!Files.isDirectory(f)) {
                throw new StackException(Code.CHAIN_INVALID, "The chain in " + dir + " holds " + f
                        + ", which is named like a link but is not a folder", "a link is a folder written by qbmc"
                        + " backup: remove or rename " + f.getFileName() + " (a name that is not only digits, or"
                        + " that starts with a dot, is ignored)");
            }
        }
        if (folders.isEmpty()) {
            throw new StackException(Code.CHAIN_INVALID, "There is no backup chain in " + dir + ": it holds no link",
                    "take a full backup first: qbmc backup STACK --bitmap NAME --target " + dir + " --full");
        }
        List<Link> links = new ArrayList<>();
        for (Path f : folders) {
            Link l = readLink(f);
            check(l, links.size(), links.isEmpty() ? null : links.get(0).manifest());
            links.add(l);
        }
        return new Chain(dir, links);
    }

    private static Link readLink(Path folder) throws IOException {
        Path file = folder.resolve(Manifest.FILE);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw Manifest.invalid(folder.toString(), "has no " + Manifest.FILE);
        }
        return new Link(folder, Manifest.parse(file.toString(), text));
    }

    private static void check(Link l, int expected, Manifest first) throws IOException {
        Manifest m = l.manifest();
        String where = l.dir().resolve(Manifest.FILE).toString();
        if (m.link() != expected || !l.dir().getFileName().toString().equals(name(expected))) {
            throw Manifest.invalid(where, "is link " + m.link() + " in folder " + l.dir().getFileName()
                    + "; the chain expects link " + name(expected) + " here (links are numbered without gaps)");
        }
        if (expected == 0 && (m.kind() != Manifest.Kind.FULL || m.parent() != null)) {
            throw Manifest.invalid(where, "is the first link but not a full backup");
        }
        if (expected > 0) {
            if (m.kind() != Manifest.Kind.INCREMENTAL || m.parent() == null || m.parent() != expected - 1) {
                throw Manifest.invalid(where, "must be an incremental link whose parent is " + (expected - 1));
            }
            if (!m.chain().equals(first.chain())) {
                throw Manifest.invalid(where, "belongs to chain " + m.chain() + ", not " + first.chain());
            }
            if (m.size() != first.size() || !m.bitmap().equals(first.bitmap())
                    || m.granularity() != first.granularity()) {
                throw Manifest.invalid(where, "differs from link 0000 in image size or bitmap");
            }
        }
        long end = 0;
        for (Manifest.Entry e : m.extents()) {
            if (e.length() <= 0 || e.offset() < end || e.offset() > m.size() || e.length() > m.size() - e.offset()) {
                throw Manifest.invalid(where, "has extent " + e.offset() + "+" + e.length()
                        + " out of order or outside the image of " + m.size() + " bytes");
            }
            end = e.offset() + e.length();
        }
        Path data = l.data();
        if (!Files.isRegularFile(data) || Files.size(data) != m.size()) {
            throw Manifest.invalid(data.toString(), Files.isRegularFile(data) ? "has " + Files.size(data)
                    + " bytes; the image has " + m.size() : "is missing");
        }
    }

    /** The link named by --upto: its number ("3") or folder name ("0003"). */
    public Link upto(String spec) {
        if (spec == null) {
            return last();
        }
        int n;
        try {
            n = Integer.parseInt(spec);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n >= links.size()) {
            throw new StackException(Code.CHAIN_INVALID, "The chain in " + dir + " has no link '" + spec + "'",
                    "its links are " + name(0) + " to " + last().name());
        }
        return links.get(n);
    }
}
