package io.slipstream.synthetic;

/**
 * Reproducible pseudo-random numbers for noise values and irregular times. Each number is a hash of the seed, a salt
 * (which channel or timeline) and an index (which tick), so it depends on nothing drawn before it: the same seed gives
 * the same run in real-time and fast pacing, whatever was requested or dropped in between.
 */
final class SeededRandom {

    private SeededRandom() {
    }

    /**
     * @param seed  the source's seed
     * @param salt  what the number is for (a channel, a timeline)
     * @param index the tick
     * @return a number in [0, 1), uniformly spread
     */
    static double unit(long seed, long salt, long index) {
        long z = seed + salt * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
