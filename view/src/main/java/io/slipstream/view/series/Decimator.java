package io.slipstream.view.series;

import java.util.Arrays;
import java.util.List;

/**
 * Reduces samples to min/max per pixel bucket. One pass over the samples in range, nothing allocated per sample:
 * an hour at 1 kHz (3.6 M samples) reduces in milliseconds, which is what lets a long channel draw at once
 * (figure in the README, from {@code DecimationBench}).
 */
public final class Decimator {

    /** The most buckets one request may ask for: wider than any screen, small enough to bound the answer. */
    public static final int MAX_BUCKETS = 20_000;

    private Decimator() {
    }

    /**
     * @param blocks  the channel's blocks, in time order
     * @param from    the start of the range, ns
     * @param to      the end of the range (exclusive), ns; greater than {@code from}
     * @param buckets how many buckets (pixels), 1 to {@link #MAX_BUCKETS}
     * @return the min/max of each bucket that holds a sample; every sample as it is when there are few
     */
    public static Decimated decimate(List<Block> blocks, long from, long to, int buckets) {
        if (to <= from) {
            throw new IllegalArgumentException("the range must end after it starts: from " + from + " to " + to);
        }
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("buckets must be 1 to " + MAX_BUCKETS + ", not " + buckets);
        }
        long span = to - from;
        long[] first = new long[buckets];
        double[] min = new double[buckets];
        double[] max = new double[buckets];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long samples = 0;
        for (Block b : blocks) {
            if (b.size() == 0 || b.end() < from || b.start() >= to) {
                continue;
            }
            int i = firstIndexAtOrAfter(b, from);
            for (; i < b.size(); i++) {
                long t = b.timeAt(i);
                if (t >= to) {
                    break;
                }
                double v = b.values()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                samples++;
                // In double: (t - from) * buckets would overflow a long on a range of a few days.
                int k = (int) Math.min(buckets - 1, (long) ((double) (t - from) * buckets / span));
                if (min[k] == Double.POSITIVE_INFINITY && max[k] == Double.NEGATIVE_INFINITY) {
                    first[k] = t;
                }
                if (v < min[k]) {
                    min[k] = v;
                }
                if (v > max[k]) {
                    max[k] = v;
                }
            }
        }
        return samples <= buckets ? raw(blocks, from, to, buckets, samples) : compact(from, to, buckets, first, min, max, samples);
    }

    private static int firstIndexAtOrAfter(Block b, long from) {
        if (b.start() >= from) {
            return 0;
        }
        if (b.times() == null) {
            long skip = (from - b.start() + b.interval() - 1) / b.interval();
            return (int) Math.min(b.size(), skip);
        }
        int i = Arrays.binarySearch(b.times(), from);
        return i >= 0 ? i : -i - 1;
    }

    private static Decimated compact(long from, long to, int buckets, long[] first, double[] min, double[] max,
                                     long samples) {
        int kept = 0;
        for (int k = 0; k < buckets; k++) {
            if (max[k] != Double.NEGATIVE_INFINITY) {
                kept++;
            }
        }
        long[] t = new long[kept];
        double[] lo = new double[kept];
        double[] hi = new double[kept];
        int j = 0;
        for (int k = 0; k < buckets; k++) {
            if (max[k] != Double.NEGATIVE_INFINITY) {
                t[j] = first[k];
                lo[j] = min[k];
                hi[j] = max[k];
                j++;
            }
        }
        return new Decimated(from, to, buckets, t, lo, hi, samples, false);
    }

    /** Few samples: give each one, so that a short range shows the real points rather than buckets. */
    private static Decimated raw(List<Block> blocks, long from, long to, int buckets, long samples) {
        long[] t = new long[(int) samples];
        double[] v = new double[(int) samples];
        int j = 0;
        for (Block b : blocks) {
            if (b.size() == 0 || b.end() < from || b.start() >= to) {
                continue;
            }
            for (int i = firstIndexAtOrAfter(b, from); i < b.size() && b.timeAt(i) < to; i++) {
                if (!Double.isNaN(b.values()[i])) {
                    t[j] = b.timeAt(i);
                    v[j] = b.values()[i];
                    j++;
                }
            }
        }
        sortByTime(t, v);
        return new Decimated(from, to, buckets, t, v, v.clone(), samples, true);
    }

    /** Blocks arrive in packet order; rows of two streams may interleave, and a plot needs ascending times. */
    private static void sortByTime(long[] t, double[] v) {
        boolean sorted = true;
        for (int i = 1; i < t.length && sorted; i++) {
            sorted = t[i - 1] <= t[i];
        }
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[t.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
        long[] t2 = t.clone();
        double[] v2 = v.clone();
        for (int i = 0; i < order.length; i++) {
            t[i] = t2[order[i]];
            v[i] = v2[order[i]];
        }
    }
}
