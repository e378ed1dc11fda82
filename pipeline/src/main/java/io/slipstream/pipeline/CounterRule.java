package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.Set;

/**
 * A marker each time a counter channel increases, e.g. a lap counter: label {@code Lap 3}, type {@code Lap Trigger},
 * value 3. The first value seen is the baseline and makes no marker.
 *
 * @param channel the counter channel's identifier
 * @param label   the label; {@code {value}} is replaced by the new counter value
 * @param type    the marker type
 */
public record CounterRule(String channel, String label, String type) implements MarkerRule {

    /** Keys of a counter rule. */
    public static final Set<String> KEYS = Set.of("kind", "channel", "type", "label");

    /**
     * @param rule a rules entry of kind counter
     * @return the rule
     */
    static CounterRule fromConfig(ConfigSection rule) {
        UnknownKeys.check(rule, KEYS);
        return new CounterRule(ConfigKeys.requireText(rule, "channel"), rule.getString("label", "Lap {value}"),
                rule.getString("type", "Lap Trigger"));
    }
}
