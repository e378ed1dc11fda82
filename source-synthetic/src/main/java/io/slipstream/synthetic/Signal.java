package io.slipstream.synthetic;

/**
 * The closed set of waveforms a synthetic channel (or an event's value) can follow. A signal is a pure function of
 * the time since the source started and the tick index, so a run is reproducible whatever the pacing.
 */
sealed interface Signal {

    /** Nanoseconds per second, as a double for the wave maths. */
    double NANOS_PER_SECOND = 1e9;

    /**
     * @param elapsedNanos time of the sample since the source started
     * @param tick         index of the sample in its channel (0 for the first)
     * @return the value
     */
    double valueAt(long elapsedNanos, long tick);

    /** @return the lowest value the signal takes, the default channel minimum */
    double lowest();

    /** @return the highest value the signal takes, the default channel maximum */
    double highest();

    /** A signal that swings {@code amplitude} either side of {@code offset}. */
    sealed interface Centered extends Signal {
        /** @return the swing either side of the offset */
        double amplitude();

        /** @return the centre value */
        double offset();

        @Override
        default double lowest() { return offset() - Math.abs(amplitude()); }

        @Override
        default double highest() { return offset() + Math.abs(amplitude()); }
    }

    /** {@code offset + amplitude * sin(2 pi t / period + phase)}; a cosine is a sine with a quarter-turn phase. */
    record Sine(double amplitude, double offset, long periodNanos, double phaseRadians) implements Centered {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return offset + amplitude * Math.sin(2 * Math.PI * fraction(elapsedNanos, periodNanos) + phaseRadians);
        }
    }

    /** A saw tooth rising from {@code offset} to {@code offset + amplitude} once per period. */
    record Ramp(double amplitude, double offset, long periodNanos) implements Signal {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return offset + amplitude * fraction(elapsedNanos, periodNanos);
        }

        @Override
        public double lowest() { return Math.min(offset, offset + amplitude); }

        @Override
        public double highest() { return Math.max(offset, offset + amplitude); }
    }

    /** {@code offset + amplitude} for the first half of each period, {@code offset - amplitude} for the second. */
    record Square(double amplitude, double offset, long periodNanos) implements Centered {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return fraction(elapsedNanos, periodNanos) < 0.5 ? offset + amplitude : offset - amplitude;
        }
    }

    /**
     * Uniform noise in {@code offset ± amplitude}. Each value is a hash of the seed, the channel and the tick, so
     * the same seed gives the same values in real-time and fast pacing and after a restart.
     */
    record Noise(double amplitude, double offset, long seed, long salt) implements Centered {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return offset + amplitude * (2 * SeededRandom.unit(seed, salt, tick) - 1);
        }
    }

    /** {@code before} until {@code at} after the start, {@code after} from then on. */
    record Step(double before, double after, long atNanos) implements Signal {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return elapsedNanos < atNanos ? before : after;
        }

        @Override
        public double lowest() { return Math.min(before, after); }

        @Override
        public double highest() { return Math.max(before, after); }
    }

    /** Always the same value. */
    record Constant(double value) implements Signal {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return value;
        }

        @Override
        public double lowest() { return value; }

        @Override
        public double highest() { return value; }
    }

    /** A lap number: {@code first} at the start, one more every {@code lapNanos}. */
    record LapCounter(long first, long lapNanos) implements Signal {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return first + Math.floorDiv(elapsedNanos, lapNanos);
        }

        @Override
        public double lowest() { return first; }

        @Override
        public double highest() { return first + 100; }
    }

    /** An event value that counts occurrences: {@code first} at the first, one more at each after it. */
    record Counter(long first) implements Signal {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            return first + tick;
        }

        @Override
        public double lowest() { return first; }

        @Override
        public double highest() { return first + 100; }
    }

    /** 1 while the car is on pit road: from {@code at} to {@code at + duration} within every period; 0 otherwise. */
    record PitFlag(long periodNanos, long atNanos, long durationNanos) implements Signal {
        @Override
        public double valueAt(long elapsedNanos, long tick) {
            long inPeriod = Math.floorMod(elapsedNanos, periodNanos);
            return inPeriod >= atNanos && inPeriod < atNanos + durationNanos ? 1 : 0;
        }

        @Override
        public double lowest() { return 0; }

        @Override
        public double highest() { return 1; }
    }

    private static double fraction(long elapsedNanos, long periodNanos) {
        return Math.floorMod(elapsedNanos, periodNanos) / (double) periodNanos;
    }
}
