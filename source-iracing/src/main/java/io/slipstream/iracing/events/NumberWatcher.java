package io.slipstream.iracing.events;

import io.slipstream.iracing.layout.Values;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleValue;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Watches a numeric variable (its first element): each finite value is compared with the last finite one by a
 * {@link Rule}. A value that is not a finite number (a float holding NaN) is skipped, so the next good value is
 * compared with the last good one.
 */
final class NumberWatcher implements RowWatcher {

    /** Decides what a change between two good values raises. */
    @FunctionalInterface
    interface Rule {
        /**
         * @param last      the previous good value
         * @param now       this row's value
         * @param timeNanos the row's read time
         * @param out       where occurrences go
         */
        void compare(double last, double now, long timeNanos, List<SampleValue> out);
    }

    private final VarHeader var;
    private final List<EventDefinition> definitions;
    private final Rule rule;
    private boolean seeded;
    private double last;

    /**
     * @param var        the variable
     * @param definition the event the rule raises
     * @param rule       what a change raises
     */
    NumberWatcher(VarHeader var, EventDefinition definition, Rule rule) {
        this.var = var;
        this.definitions = List.of(definition);
        this.rule = rule;
    }

    @Override
    public List<EventDefinition> definitions() {
        return definitions;
    }

    @Override
    public void update(ByteBuffer le, int rowStart, long timeNanos, List<SampleValue> out) {
        double now = Values.read(le, rowStart + var.offset(), var.type());
        if (!Double.isFinite(now)) {
            return;
        }
        if (seeded) {
            rule.compare(last, now, timeNanos, out);
        }
        last = now;
        seeded = true;
    }

    @Override
    public void reset() {
        seeded = false;
    }
}
