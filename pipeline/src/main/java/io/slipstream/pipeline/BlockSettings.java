package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.time.Duration;
import java.util.Set;

/**
 * How samples become blocks.
 *
 * @param size      most samples per column in one block (at least 1)
 * @param span      most sample-clock time one block covers; a block holds at most {@code span / interval} samples
 *                  per column (at least one)
 * @param linger    a block open longer than this in wall-clock time is sent even if not full, so that a stalled
 *                  live source does not hold data back
 * @param tolerance how far a sample may be off its grid slot, as a fraction of the interval, 0 to 0.5
 * @param gap       what to do when whole slots are missed; {@link GapPolicy#ROWS} sends every channel as rows
 */
public record BlockSettings(int size, Duration span, Duration linger, double tolerance, GapPolicy gap) {

    /** Keys of the {@code block} section. */
    public static final Set<String> KEYS = Set.of("size", "span", "linger", "tolerance", "gap");

    /** Checks the ranges. */
    public BlockSettings {
        if (size < 1) {
            throw new IllegalArgumentException("block size must be at least 1, got " + size);
        }
        if (span.isNegative() || span.isZero() || linger.isNegative() || linger.isZero()) {
            throw new IllegalArgumentException("block span and linger must be positive, got " + span + " and " + linger);
        }
        if (!(tolerance >= 0 && tolerance <= 0.5)) {
            throw new IllegalArgumentException("block tolerance must be between 0 and 0.5, got " + tolerance);
        }
    }

    /** @return size 1000, span 1 s, linger 200 ms, tolerance 0.5, gap split */
    public static BlockSettings defaults() {
        return new BlockSettings(1000, Duration.ofSeconds(1), Duration.ofMillis(200), 0.5, GapPolicy.SPLIT);
    }

    /**
     * @param block the {@code block} section
     * @return the settings, defaults for absent keys
     * @throws io.slipstream.spi.ConfigException for unknown keys and bad values, naming the key
     */
    public static BlockSettings fromConfig(ConfigSection block) {
        UnknownKeys.check(block, KEYS);
        BlockSettings d = defaults();
        int size = block.getInt("size", d.size());
        if (size < 1) {
            throw block.error("size", "must be at least 1 (samples per column), got " + size);
        }
        Duration span = positive(block, "span", d.span());
        Duration linger = positive(block, "linger", d.linger());
        double tolerance = block.getDouble("tolerance", d.tolerance());
        if (!(tolerance >= 0 && tolerance <= 0.5)) {
            throw block.error("tolerance", "must be a fraction of the interval from 0 to 0.5, got " + tolerance);
        }
        GapPolicy gap = GapPolicy.valueOf(block.getEnum("gap", "split", "split", "fill", "rows").toUpperCase(java.util.Locale.ROOT));
        return new BlockSettings(size, span, linger, tolerance, gap);
    }

    private static Duration positive(ConfigSection block, String key, Duration def) {
        Duration v = block.getDuration(key, def);
        if (v.isNegative() || v.isZero()) {
            throw block.error(key, "must be a positive duration, got " + v);
        }
        return v;
    }

    /**
     * @param intervalNanos a rate group's interval
     * @return the most samples per column a block of that group holds: the smaller of size and span / interval
     */
    public int rowsFor(long intervalNanos) {
        long bySpan = span.toNanos() / intervalNanos;
        return (int) Math.max(1, Math.min(size, bySpan));
    }
}
