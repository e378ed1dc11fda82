package io.slipstream.csv;

/**
 * One data row, parsed.
 *
 * @param line      the file line it started on
 * @param timeNanos its time in ns since the Unix epoch
 * @param values    one value per channel column: NaN where the cell held no valid value (a missing sample),
 *                  {@link #ABSENT} where the row holds no sample of that channel at all
 * @param offsets   per channel, ns from {@code timeNanos} to that sample's own time; null when all share it
 */
record Row(long line, long timeNanos, double[] values, long[] offsets) {

    /** A value the row does not hold (a blank cell of a slower channel): no sample. Never a valid value. */
    static final double ABSENT = Double.NEGATIVE_INFINITY;

    /**
     * @param line      the file line
     * @param timeNanos its time
     * @param values    one value per channel
     */
    Row(long line, long timeNanos, double[] values) {
        this(line, timeNanos, values, null);
    }

    /**
     * @param i a channel's position
     * @return that sample's time
     */
    long timeOf(int i) {
        return offsets == null ? timeNanos : timeNanos + offsets[i];
    }
}
