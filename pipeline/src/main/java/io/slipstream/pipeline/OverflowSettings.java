package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.Locale;
import java.util.Set;

/**
 * The bounded buffer between a source and the rest of the pipeline.
 *
 * @param policy what happens when it is full
 * @param buffer its size in samples (at least 1); unused by {@link OverflowPolicy#BLOCK}, which buffers only what
 *               downstream asked for
 */
public record OverflowSettings(OverflowPolicy policy, int buffer) {

    /** Keys of the {@code overflow} section. */
    public static final Set<String> KEYS = Set.of("policy", "buffer");

    /** Checks the size. */
    public OverflowSettings {
        if (buffer < 1) {
            throw new IllegalArgumentException("overflow buffer must be at least 1, got " + buffer);
        }
    }

    /** @return policy block, buffer 65536 */
    public static OverflowSettings defaults() {
        return new OverflowSettings(OverflowPolicy.BLOCK, 65536);
    }

    /**
     * @param overflow the {@code overflow} section
     * @return the settings, defaults for absent keys
     * @throws io.slipstream.spi.ConfigException for unknown keys and bad values, naming the key
     */
    public static OverflowSettings fromConfig(ConfigSection overflow) {
        UnknownKeys.check(overflow, KEYS);
        String word = overflow.getEnum("policy", "block", "block", "drop-oldest", "drop-newest", "fail");
        OverflowPolicy policy = OverflowPolicy.valueOf(word.replace('-', '_').toUpperCase(Locale.ROOT));
        int buffer = overflow.getInt("buffer", defaults().buffer());
        if (buffer < 1) {
            throw overflow.error("buffer", "must be at least 1 sample, got " + buffer);
        }
        return new OverflowSettings(policy, buffer);
    }
}
