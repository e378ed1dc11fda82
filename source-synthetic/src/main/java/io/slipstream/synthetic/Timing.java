package io.slipstream.synthetic;

/**
 * When the ticks of a cadence fall, as time since the source started: on a fixed grid, jittered around it, or as
 * Poisson arrivals. The times are a function of the tick index, the previous tick's time and the seed alone, so
 * real-time and fast pacing give the same times, and so does every run with the same seed. Two cadences with equal
 * timings tick together, which is how channels of one rate and timing share their read times.
 */
sealed interface Timing {

    /** The words a {@code timing} option takes. */
    String[] NAMES = {"regular", "jitter", "poisson"};

    /** @return the mean time between two ticks */
    long meanIntervalNanos();

    /**
     * @param tick          index of the tick, 0 for the first
     * @param previousNanos the time of tick - 1 since the start, 0 for the first tick
     * @return the time of this tick since the start: never negative, and after {@code previousNanos} for every tick
     *         but the first
     */
    long elapsedAt(long tick, long previousNanos);

    /** @return true when ticks keep a fixed rate from the start, so a channel is declared with that rate */
    default boolean fixedRate() {
        return false;
    }

    /**
     * Tick n at {@code delay + n x interval}: a regular channel (delay 0) or an event every interval (delay one
     * interval, so the first occurrence comes one interval after the start).
     *
     * @param intervalNanos time between ticks
     * @param delayNanos    time of the first tick
     */
    record Grid(long intervalNanos, long delayNanos) implements Timing {
        @Override
        public long meanIntervalNanos() {
            return intervalNanos;
        }

        @Override
        public long elapsedAt(long tick, long previousNanos) {
            return delayNanos + tick * intervalNanos;
        }

        @Override
        public boolean fixedRate() {
            return delayNanos == 0;
        }
    }

    /**
     * The grid's tick n moved by an offset drawn uniformly from {@code [-jitter, +jitter]}. With the jitter below half
     * the interval ticks never swap places; an offset that would put the first tick before the start is mirrored
     * (a read cannot precede the source).
     *
     * @param intervalNanos time between grid points
     * @param delayNanos    the first grid point
     * @param jitterNanos   the largest offset from the grid, below half the interval
     * @param seed          the source's seed
     * @param salt          which timeline this is
     */
    record Jitter(long intervalNanos, long delayNanos, long jitterNanos, long seed, long salt) implements Timing {
        @Override
        public long meanIntervalNanos() {
            return intervalNanos;
        }

        @Override
        public long elapsedAt(long tick, long previousNanos) {
            long offset = Math.round((2 * SeededRandom.unit(seed, salt, tick) - 1) * jitterNanos);
            long t = delayNanos + tick * intervalNanos + offset;
            return t < 0 ? -t : t;
        }
    }

    /**
     * Poisson arrivals: the time to each tick from the one before (from the start for the first) is drawn from the
     * exponential distribution with the given mean, at least 1 ns so that no two ticks share a time.
     *
     * @param meanIntervalNanos the mean time between ticks, 1 / rate
     * @param seed              the source's seed
     * @param salt              which timeline this is
     */
    record Poisson(long meanIntervalNanos, long seed, long salt) implements Timing {
        @Override
        public long elapsedAt(long tick, long previousNanos) {
            double u = SeededRandom.unit(seed, salt, tick);
            return previousNanos + Math.max(1, Math.round(-Math.log1p(-u) * meanIntervalNanos));
        }
    }
}
