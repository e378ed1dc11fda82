package io.slipstream.pipeline.markers;

import io.slipstream.pipeline.CounterRule;
import io.slipstream.pipeline.EdgeRule;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.MarkerRule;
import io.slipstream.pipeline.ThresholdRule;

/**
 * One rule watching one channel. Fed every valid value of the channel in time order; allocates only when it makes a
 * marker.
 */
public interface RuleState {

    /**
     * Lap markers carry a numeric source (0 = main) because ATLAS readers parse it as a number; the channel goes in
     * the description instead.
     */
    String MAIN_SOURCE = "0";

    /**
     * @param timeNanos the time the block gives the sample
     * @param value     the valid value
     * @return a marker, or null
     */
    Marker onValue(long timeNanos, double value);

    /**
     * @param rule a configured rule
     * @return fresh state for it
     */
    static RuleState of(MarkerRule rule) {
        if (rule instanceof CounterRule c) {
            return new CounterState(c);
        }
        if (rule instanceof EdgeRule e) {
            return new EdgeState(e);
        }
        return new ThresholdState((ThresholdRule) rule);
    }

    /**
     * The out-lap marker set at the first sample of a run.
     *
     * @param timeNanos the first sample's block time
     * @return the marker
     */
    static Marker outLap(long timeNanos) {
        return new Marker(timeNanos, "Out Lap", "Lap Trigger", "Out Lap", MAIN_SOURCE, 0);
    }

    /**
     * @param template a label with an optional {@code {value}} placeholder
     * @param value    the text for it
     * @return the label
     */
    static String fill(String template, String value) {
        return template.replace("{value}", value);
    }
}
