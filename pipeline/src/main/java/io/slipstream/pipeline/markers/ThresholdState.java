package io.slipstream.pipeline.markers;

import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.ThresholdRule;

/** Marks a channel crossing a level in the configured direction; the first value is the baseline. */
final class ThresholdState implements RuleState {

    private final ThresholdRule rule;
    private boolean seen;
    private boolean beyond;

    ThresholdState(ThresholdRule rule) {
        this.rule = rule;
    }

    @Override
    public Marker onValue(long timeNanos, double value) {
        boolean now = rule.upwards() ? value > rule.level() : value < rule.level();
        boolean crossed = seen && now && !beyond;
        seen = true;
        beyond = now;
        if (!crossed) {
            return null;
        }
        String label = RuleState.fill(rule.label(), Double.toString(value));
        return new Marker(timeNanos, label, rule.type(), label + " (" + rule.channel() + ")", MAIN_SOURCE,
                Math.round(value));
    }
}
