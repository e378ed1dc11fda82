package io.slipstream.atlaskafka.inspect;

import ma.streaming.open_data.v1.ConfigurationPacket;

/**
 * A configuration too large for one packet is split with {@code partial_packet}, {@code packet_number} 1 ..
 * {@code total_packet_number}: on one stream its parts follow each other in order, none missing, with one total,
 * before another configuration starts or the stream ends, and one GroupDefinition at most in each part (at least
 * one over the parts). Parts may share their configuration's {@code config_id}.
 */
final class SplitConfigurations {

    /** The split in progress on this stream, or null. */
    private Split open;

    private static final class Split {
        final LandedPacket first;
        final String configId;
        final int total;
        int next;
        int groups;
        /** Every part so far arrived in order from part 1: only then is a missing group worth saying. */
        boolean whole;

        Split(LandedPacket first, String configId, int total, int next) {
            this.first = first;
            this.configId = configId;
            this.total = total;
            this.next = next;
            this.whole = next == 1;
        }

        String describe() {
            return "split configuration '" + configId + "' (first part in packet " + first.packet().getId() + ")";
        }

        String missing() {
            return next == total ? "part " + total + " of " + total : "parts " + next + ".." + total + " of " + total;
        }
    }

    /**
     * @param lp     a configuration record
     * @param c      its content
     * @param report where violations go
     * @return whether this is a later part of the split in progress with its config_id (not a reused id)
     */
    boolean accept(LandedPacket lp, ConfigurationPacket c, Report report) {
        if (!c.getPartialPacket()) {
            if (open != null) {
                report.add(SessionRuleChecker.SPLIT_CONFIG, lp, "configuration '" + c.getConfigId() + "' arrived while "
                        + open.describe() + " lacks " + open.missing() + "; expected the parts in order, none missing");
                open = null;
            }
            return false;
        }
        int n = c.getPacketNumber();
        int total = c.getTotalPacketNumber();
        if (n < 1 || total < 1 || n > total) {
            report.add(SessionRuleChecker.SPLIT_CONFIG, lp, "partial configuration '" + c.getConfigId() + "' is part " + n
                    + " of " + total + "; expected 1 <= packet_number <= total_packet_number");
            open = null;
            return false;
        }
        // A part of the split in progress, even a misnumbered one, may share its config_id.
        boolean continues = open != null && c.getConfigId().equals(open.configId);
        if (open != null && total != open.total) {
            report.add(SessionRuleChecker.SPLIT_CONFIG, lp, "part " + n + " of " + total + " follows " + open.describe()
                    + " of " + open.total + " parts, which lacks " + open.missing() + "; expected one total for every part");
            open = null;
        }
        if (open == null) {
            if (n != 1) {
                report.add(SessionRuleChecker.SPLIT_CONFIG, lp, "partial configuration '" + c.getConfigId() + "' starts at part "
                        + n + " of " + total + "; parts 1.." + (n - 1) + " are missing");
            }
            open = new Split(lp, c.getConfigId(), total, n);
        } else {
            if (n != open.next) {
                report.add(SessionRuleChecker.SPLIT_CONFIG, lp, "part " + n + " of " + total + " follows part " + (open.next - 1)
                        + " of " + open.describe() + (n < open.next ? " (repeated or backwards)" : "; parts " + open.next
                        + ".." + (n - 1) + " are missing") + "; expected part " + open.next);
                open.whole = false;
            }
        }
        if (c.getGroupDefinitionsCount() > 1) {
            report.add(SessionRuleChecker.ONE_GROUP, lp, "part " + n + " of " + total + " holds " + c.getGroupDefinitionsCount()
                    + " GroupDefinitions; expected at most 1 in a part");
        }
        open.groups += c.getGroupDefinitionsCount();
        open.next = n + 1;
        if (n == total) {
            if (open.groups == 0 && open.whole) {
                report.add(SessionRuleChecker.ONE_GROUP, lp, open.describe() + " holds no GroupDefinition in any of its "
                        + total + " parts; expected exactly 1");
            }
            open = null;
        }
        return continues;
    }

    /**
     * The stream ended (EndOfSession or no more records): a split in progress lacks its last parts.
     *
     * @param last   the record at which it ended, or null
     * @param report where violations go
     */
    void end(LandedPacket last, Report report) {
        if (open != null) {
            report.add(SessionRuleChecker.SPLIT_CONFIG, last, "the stream ends while " + open.describe() + " lacks "
                    + open.missing() + "; expected every part before the end");
            open = null;
        }
    }
}
