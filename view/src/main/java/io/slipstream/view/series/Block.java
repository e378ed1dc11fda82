package io.slipstream.view.series;

/**
 * The samples of one channel from one data packet, kept as primitives so that an hour at 1 kHz costs 8 bytes a
 * sample rather than a decoded packet each. Periodic blocks keep only their start and interval; row blocks keep
 * a time per sample. A missing sample (status not good, or a type that has no number) is {@code NaN}.
 *
 * @param start    the time of the first sample, ns since the Unix epoch
 * @param interval the spacing of a periodic block, ns; 0 for a row block
 * @param values   the values, in time order
 * @param times    each sample's time (row blocks), or null for a periodic block
 */
public record Block(long start, long interval, double[] values, long[] times) {

    /**
     * @param start    first sample time, ns
     * @param interval spacing, ns (at least 1)
     * @param values   the values
     * @return a periodic block
     */
    public static Block periodic(long start, long interval, double[] values) {
        if (interval <= 0) {
            throw new IllegalArgumentException("a periodic block needs an interval of 1 ns or more, not " + interval);
        }
        return new Block(start, interval, values, null);
    }

    /**
     * @param times  each sample's time, ns, ascending
     * @param values the values, as many as times
     * @return a row block
     */
    public static Block rows(long[] times, double[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException(times.length + " times for " + values.length + " values");
        }
        return new Block(times.length == 0 ? 0 : times[0], 0, values, times);
    }

    /** @return the number of samples */
    public int size() {
        return values.length;
    }

    /** @param i a sample index @return its time, ns */
    public long timeAt(int i) {
        return times == null ? start + i * interval : times[i];
    }

    /** @return the time of the last sample, ns */
    public long end() {
        return values.length == 0 ? start : timeAt(values.length - 1);
    }
}
