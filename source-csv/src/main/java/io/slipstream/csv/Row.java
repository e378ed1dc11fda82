package io.slipstream.csv;

/**
 * One data row, parsed.
 *
 * @param line      the file line it started on
 * @param timeNanos its time in ns since the Unix epoch
 * @param values    one value per channel column, NaN where the cell gave none
 */
record Row(long line, long timeNanos, double[] values) {
}
