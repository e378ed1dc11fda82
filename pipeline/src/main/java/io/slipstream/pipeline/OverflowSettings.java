package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.Locale;
import java.util.Set;

/**
 * The bounded buffer between a source and the rest of the pipeline.
 *
 * @param policy what happens when it is full
 * @param buffer     its size in samples (at least 1); unused by {@link OverflowPolicy#BLOCK}, which buffers only
 *                   what downstream asked for
 * @param queueBytes the bound in bytes of the blocks, rows and markers made and waiting for the sink; when it is
 *                   reached the pipeline stops taking samples, so the buffer fills and its policy acts
 */
public record OverflowSettings(OverflowPolicy policy, int buffer, long queueBytes) {

    /** Keys of the {@code overflow} section. */
    public static final Set<String> KEYS = Set.of("policy", "buffer", "queue-bytes");

    /**
     * The default bound of the events waiting for the sink, 16 MiB: over a second of a 1,000-channel group at 1 kHz
     * (8 MB/s of doubles in blocks), small beside a 384 MB heap.
     */
    public static final long DEFAULT_QUEUE_BYTES = 16L << 20;

    /** Checks the sizes. */
    public OverflowSettings {
        if (buffer < 1) {
            throw new IllegalArgumentException("overflow buffer must be at least 1, got " + buffer);
        }
        if (queueBytes < 1) {
            throw new IllegalArgumentException("overflow queue-bytes must be at least 1, got " + queueBytes);
        }
    }

    /**
     * @param policy what happens when the buffer is full
     * @param buffer its size in samples
     */
    public OverflowSettings(OverflowPolicy policy, int buffer) {
        this(policy, buffer, DEFAULT_QUEUE_BYTES);
    }

    /** @return policy block, buffer 65536, queue 16 MiB */
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
        return new OverflowSettings(policy, buffer, overflow.getBytes("queue-bytes", DEFAULT_QUEUE_BYTES));
    }
}
