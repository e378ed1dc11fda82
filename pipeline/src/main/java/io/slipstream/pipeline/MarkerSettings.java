package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which markers the pipeline derives.
 *
 * @param outLap whether an {@code Out Lap} marker is set at the first sample
 * @param rules  rules over channel values
 */
public record MarkerSettings(boolean outLap, List<MarkerRule> rules) {

    /** Keys of the {@code markers} section. */
    public static final Set<String> KEYS = Set.of("out-lap", "rules");

    /** Copies the rules. */
    public MarkerSettings {
        rules = List.copyOf(rules);
    }

    /** @return an out-lap marker and no rules */
    public static MarkerSettings defaults() {
        return new MarkerSettings(true, List.of());
    }

    /**
     * @param markers the {@code markers} section
     * @return the settings
     * @throws io.slipstream.spi.ConfigException for unknown keys and bad values, naming the key
     */
    public static MarkerSettings fromConfig(ConfigSection markers) {
        UnknownKeys.check(markers, KEYS);
        List<MarkerRule> rules = new ArrayList<>();
        for (ConfigSection rule : markers.sections("rules")) {
            rules.add(MarkerRule.fromConfig(rule));
        }
        return new MarkerSettings(markers.getBoolean("out-lap", true), rules);
    }
}
