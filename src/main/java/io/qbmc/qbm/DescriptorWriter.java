package io.qbmc.qbm;

import io.qbmc.text.JsonText;

/** Writes a descriptor: UTF-8 JSON, two-space indent, bitmaps as an array, ending in a newline. */
public final class DescriptorWriter {
    private DescriptorWriter() {
    }

    public static String write(Descriptor d) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"QBM\": {\n");
        out.append("    \"version\": ").append(d.version()).append(",\n");
        out.append("    \"image\": ");
        image(d.image(), out);
        out.append(",\n");
        if (d.backing() != null) {
            out.append("    \"backing\": ");
            image(d.backing(), out);
            out.append(",\n");
        }
        if (d.mode() != null) {
            out.append("    \"mode\": ").append(JsonText.quote(d.mode())).append(",\n");
        }
        out.append("    \"bitmaps\": [");
        for (int i = 0; i < d.bitmaps().size(); i++) {
            Descriptor.Bitmap b = d.bitmaps().get(i);
            out.append(i == 0 ? "\n" : ",\n");
            out.append("      {\"name\": ").append(JsonText.quote(b.name()))
                    .append(", \"file\": ").append(JsonText.quote(b.file()))
                    .append(", \"granularity\": ").append(b.granularity())
                    .append(", \"type\": ").append(JsonText.quote(b.type()))
                    .append(", \"enabled\": ").append(b.enabled())
                    .append(", \"in-use\": ").append(b.inUse())
                    .append(", \"generation\": ").append(b.generation()).append('}');
        }
        out.append(d.bitmaps().isEmpty() ? "]\n" : "\n    ]\n");
        out.append("  }\n}\n");
        return out.toString();
    }

    private static void image(Descriptor.Image image, StringBuilder out) {
        out.append("{\"file\": ").append(JsonText.quote(image.file())).append(", \"format\": ")
                .append(JsonText.quote(image.format()));
        if (image.driver() != null) {
            out.append(", \"driver\": ").append(JsonText.quote(image.driver()));
        }
        if (image.size() != null) {
            out.append(", \"size\": ").append(image.size());
        }
        out.append('}');
    }
}
