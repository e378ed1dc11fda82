package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.markers.RuleState;
import io.slipstream.spi.ChannelDefinition;

/**
 * Where one channel's samples go: a column of a rate group (blocks) or of a row group (rows), or, while its timing is
 * still being judged, a {@link TimingProbe} or a {@link RowGrouping} that holds them; with the marker rules watching
 * it. Exactly one of {@link #group}, {@link #rows}, {@link #probe} and {@link #grouping} is set.
 *
 * <p>Sources emit channels in the same order row after row, so each column remembers which column followed it last
 * time ({@link #successor}); the assembler tries that guess, one reference comparison, before a map lookup.
 */
final class Column {

    final ChannelDefinition channel;
    /** The rate group, or null when the channel is not (yet) sent in blocks; the hot path tests only this. */
    final GroupAssembler group;
    /** The row group, or null. */
    final RowAssembler rows;
    /** The channel's column in its group or probe. */
    final int index;
    /** The rules on this channel, or null for none. */
    final RuleState[] rules;
    /** The probe judging the channel's declared rate, or null. */
    final TimingProbe probe;
    /** The channels waiting for a row group, or null. */
    final RowGrouping grouping;
    /** The column whose sample followed this one's last time; only a guess. */
    Column successor;

    private Column(ChannelDefinition channel, GroupAssembler group, RowAssembler rows, int index, RuleState[] rules,
                   TimingProbe probe, RowGrouping grouping) {
        this.channel = channel;
        this.group = group;
        this.rows = rows;
        this.index = index;
        this.rules = rules;
        this.probe = probe;
        this.grouping = grouping;
    }

    static Column inBlocks(ChannelDefinition channel, GroupAssembler group, int index, RuleState[] rules) {
        return new Column(channel, group, null, index, rules, null, null);
    }

    static Column inRows(ChannelDefinition channel, RowAssembler rows, int index, RuleState[] rules) {
        return new Column(channel, null, rows, index, rules, null, null);
    }

    static Column probed(ChannelDefinition channel, TimingProbe probe, int index) {
        return new Column(channel, null, null, index, null, probe, null);
    }

    static Column waiting(ChannelDefinition channel, RowGrouping grouping) {
        return new Column(channel, null, null, -1, null, null, grouping);
    }
}
