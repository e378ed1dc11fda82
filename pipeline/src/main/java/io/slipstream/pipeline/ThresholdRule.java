package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.Set;

/**
 * A marker when a channel crosses a level: from at or below to above it ({@code above: 80}), or from at or above to
 * below it ({@code below: 10}). The first value seen is the baseline and makes no marker.
 *
 * @param channel the channel's identifier
 * @param level   the level
 * @param upwards true for {@code above}, false for {@code below}
 * @param label   the label; {@code {value}} is replaced by the crossing value
 * @param type    the marker type
 */
public record ThresholdRule(String channel, double level, boolean upwards, String label, String type)
        implements MarkerRule {

    /** Keys of a threshold rule. */
    public static final Set<String> KEYS = Set.of("kind", "channel", "type", "label", "above", "below");

    static ThresholdRule fromConfig(ConfigSection rule) {
        UnknownKeys.check(rule, KEYS);
        String channel = ConfigKeys.requireText(rule, "channel");
        boolean above = rule.has("above");
        if (above == rule.has("below")) {
            throw rule.error("above", "a threshold rule needs exactly one of 'above' or 'below'");
        }
        double level = above ? rule.getDouble("above", 0) : rule.getDouble("below", 0);
        String label = rule.getString("label", channel + (above ? " above " : " below ") + level);
        return new ThresholdRule(channel, level, above, label, rule.getString("type", "Threshold"));
    }
}
