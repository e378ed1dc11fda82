package io.slipstream.pipeline.markers;

import io.slipstream.pipeline.EdgeRule;
import io.slipstream.pipeline.Marker;

/** Marks a boolean channel switching; non-zero is true; the first value is the baseline. */
final class EdgeState implements RuleState {

    private final EdgeRule rule;
    private boolean seen;
    private boolean last;

    EdgeState(EdgeRule rule) {
        this.rule = rule;
    }

    @Override
    public Marker onValue(long timeNanos, double value) {
        boolean now = value != 0;
        boolean changed = seen && now != last;
        seen = true;
        last = now;
        String label = !changed ? null : now ? rule.rising() : rule.falling();
        if (label == null) {
            return null;
        }
        String type = rule.type() != null ? rule.type() : label;
        return new Marker(timeNanos, label, type, label + " (" + rule.channel() + ")", MAIN_SOURCE, now ? 1 : 0);
    }
}
