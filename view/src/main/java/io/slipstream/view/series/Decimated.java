package io.slipstream.view.series;

/**
 * A channel's samples over a time range reduced to at most one min/max pair per pixel bucket, so that a spike
 * of one sample among a million still shows. Arrays are parallel; a bucket with no sample is left out.
 *
 * @param from    the start of the range, ns
 * @param to      the end of the range (exclusive), ns
 * @param buckets how many buckets the range was cut into (the pixels asked for)
 * @param time    per kept bucket: the time of its first sample, ns
 * @param min     per kept bucket: the smallest value
 * @param max     per kept bucket: the largest value
 * @param samples how many samples fell in the range
 * @param raw     {@code true} when there were no more samples than buckets, so every sample is given as it is
 */
public record Decimated(long from, long to, int buckets, long[] time, double[] min, double[] max, long samples,
                        boolean raw) {
}
