package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.markers.RuleState;
import io.slipstream.spi.ChannelDefinition;

/**
 * Where one channel's samples go: a column of a group, with the marker rules watching it.
 *
 * <p>Sources emit channels in the same order row after row, so each column remembers which column followed it last
 * time ({@link #successor}); the assembler tries that guess, one reference comparison, before a map lookup.
 */
final class Column {

    final ChannelDefinition channel;
    /** The group, or null while the channel's rate is still being inferred. */
    final GroupAssembler group;
    final int index;
    /** The rules on this channel, or null for none. */
    final RuleState[] rules;
    /** The inference batch while {@code group} is null. */
    final RateInference batch;
    /** The column whose sample followed this one's last time; only a guess. */
    Column successor;

    Column(ChannelDefinition channel, GroupAssembler group, int index, RuleState[] rules, RateInference batch) {
        this.channel = channel;
        this.group = group;
        this.index = index;
        this.rules = rules;
        this.batch = batch;
    }
}
