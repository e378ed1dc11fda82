package io.slipstream.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in microseconds.
 *
 * @param count      values recorded
 * @param p50Micros  median
 * @param p99Micros  99th percentile
 * @param maxMicros  largest value
 */
public record LatencySummary(long count, long p50Micros, long p99Micros, long maxMicros) {

    /**
     * @param histogram values in microseconds
     * @return its summary; all zero when it is empty
     */
    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0);
        }
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getMaxValue());
    }

    /** @return {@code p50 / p99 / max} in milliseconds with one decimal */
    public String describe() {
        return ms(p50Micros) + " / " + ms(p99Micros) + " / " + ms(maxMicros) + " ms";
    }

    private static String ms(long micros) {
        return String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
