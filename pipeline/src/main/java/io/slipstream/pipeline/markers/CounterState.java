package io.slipstream.pipeline.markers;

import io.slipstream.pipeline.CounterRule;
import io.slipstream.pipeline.Marker;

/** Marks each increase of a counter; the first value is the baseline. */
final class CounterState implements RuleState {

    private final CounterRule rule;
    private boolean seen;
    private long last;

    CounterState(CounterRule rule) {
        this.rule = rule;
    }

    @Override
    public Marker onValue(long timeNanos, double value) {
        long now = (long) Math.floor(value);
        boolean increased = seen && now > last;
        seen = true;
        last = now;
        if (!increased) {
            return null;
        }
        String label = RuleState.fill(rule.label(), Long.toString(now));
        return new Marker(timeNanos, label, rule.type(), label + " (" + rule.channel() + ")", MAIN_SOURCE, now);
    }
}
