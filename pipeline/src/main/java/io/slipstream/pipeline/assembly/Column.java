package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.markers.RuleState;

/**
 * Where one channel's samples go: a column of a group, with the marker rules watching it. Looked up once per sample
 * by channel instance.
 *
 * @param group the group, or null while the channel's rate is still being inferred
 * @param index the column index in the group
 * @param rules the rules on this channel, or null for none
 * @param batch the inference batch while {@code group} is null
 */
record Column(GroupAssembler group, int index, RuleState[] rules, RateInference batch) {
}
