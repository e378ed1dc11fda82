package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;

/** A rule that derives markers from the values of one channel. */
public sealed interface MarkerRule permits CounterRule, EdgeRule, ThresholdRule {

    /** @return the identifier of the channel the rule watches, e.g. {@code Lap:iRacing} */
    String channel();

    /**
     * Reads one entry of {@code markers.rules}.
     *
     * @param rule the entry, with a {@code kind} of counter, edge or threshold
     * @return the rule
     * @throws io.slipstream.spi.ConfigException for an unknown kind or key and for bad values, naming the key
     */
    static MarkerRule fromConfig(ConfigSection rule) {
        String kind = rule.getEnum("kind", "", "counter", "edge", "threshold");
        return switch (kind) {
            case "counter" -> CounterRule.fromConfig(rule);
            case "edge" -> EdgeRule.fromConfig(rule);
            default -> ThresholdRule.fromConfig(rule);
        };
    }
}
