package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.QuorumNode;

/** quorum_open's checks, in QEMU's words (block/quorum.c). */
final class QuorumRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            if (!(v.node() instanceof QuorumNode q)) {
                continue;
            }
            var origins = context.origins();
            int n = q.children().size();
            if (n == 0 && q.options().containsKey("children")) {
                diags.report(Code.QUORUM_NO_CHILDREN, origins.value(q, "children"),
                        "Number of provided children must be 1 or more", "add children.0.driver=...");
                continue;
            }
            if (q.voteThreshold() == null) {
                continue;
            }
            // QEMU keeps the threshold in an int: larger values wrap
            int threshold = (int) (long) q.voteThreshold();
            if (threshold < 1) {
                diags.report(Code.VOTE_THRESHOLD, origins.value(q, "vote-threshold"),
                        "Parameter 'vote-threshold' expects a value >= 1",
                        "set vote-threshold between 1 and " + Math.max(1, n));
                continue;
            }
            if (n > 0 && threshold > n) {
                diags.report(Code.VOTE_THRESHOLD, origins.value(q, "vote-threshold"),
                        "threshold may not exceed children count",
                        "vote-threshold is " + threshold + " but there " + (n == 1 ? "is 1 child" : "are " + n + " children"));
            }
            boolean quorumPattern = q.readPattern() == null || q.readPattern().equals("quorum");
            boolean blkverify = Boolean.TRUE.equals(q.blkverify());
            if (quorumPattern && blkverify && (n != 2 || threshold != 2)) {
                diags.report(Code.QUORUM_CONSTRAINT, origins.value(q, "blkverify"),
                        "blkverify=on can only be set if there are exactly two files and vote-threshold is 2",
                        "this quorum has " + n + " children and vote-threshold " + threshold);
            } else if (quorumPattern && blkverify && Boolean.TRUE.equals(q.rewriteCorrupted())) {
                diags.report(Code.QUORUM_CONSTRAINT, origins.value(q, "rewrite-corrupted"),
                        "rewrite-corrupted=on cannot be used with blkverify=on", "drop one of the two");
            }
        }
    }
}
