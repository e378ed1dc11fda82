package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.Set;

/**
 * A marker when a boolean channel (non-zero is true) switches, e.g. pit road: {@code Pit In} on the rising edge,
 * {@code Pit Out} on the falling one. The first value seen is the baseline and makes no marker.
 *
 * @param channel the channel's identifier
 * @param rising  the label on false to true, or null for no marker
 * @param falling the label on true to false, or null for no marker
 * @param type    the marker type, or null to use the label
 */
public record EdgeRule(String channel, String rising, String falling, String type) implements MarkerRule {

    /** Keys of an edge rule. */
    public static final Set<String> KEYS = Set.of("kind", "channel", "type", "rising", "falling");

    static EdgeRule fromConfig(ConfigSection rule) {
        UnknownKeys.check(rule, KEYS);
        String channel = ConfigKeys.requireText(rule, "channel");
        String rising = rule.getString("rising", null);
        String falling = rule.getString("falling", null);
        if (rising == null && falling == null) {
            throw rule.error("rising", "an edge rule needs a 'rising' or a 'falling' label (or both)");
        }
        return new EdgeRule(channel, rising, falling, rule.getString("type", null));
    }
}
