package io.slipstream.bench;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The running count of one session's records on Kafka. Written by the read-back thread only; {@link #dataPackets()}
 * may be read by others while it runs, {@link #snapshot()} after it ended.
 */
final class SessionTally {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final boolean measureLatency;
    private final Histogram sampleLatency = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram blockLatency = new Histogram(HIGHEST_MICROS, 3);
    private final BitSet seenIds = new BitSet();
    private volatile long dataPackets;
    private long records;
    private long duplicates;
    private long samples;
    private long undecodable;
    private long firstAppendMillis;
    private long lastAppendMillis;
    private String timestampType = "none";

    /** @param measureLatency whether the samples' stamps are read times */
    SessionTally(boolean measureLatency) {
        this.measureLatency = measureLatency;
    }

    /** @return distinct periodic data packets so far */
    long dataPackets() {
        return dataPackets;
    }

    /**
     * Counts one record of the session.
     *
     * @param r the record; its timestamp is taken as the packet's arrival on Kafka
     */
    void count(ConsumerRecord<?, byte[]> r) {
        records++;
        PacketShape shape;
        try {
            shape = PacketShape.parse(r.value() == null ? new byte[0] : r.value());
        } catch (IllegalArgumentException e) {
            undecodable++;
            return;
        }
        if (!shape.periodicData()) {
            return;
        }
        if (shape.id() < 0 || shape.id() > Integer.MAX_VALUE || seenIds.get((int) shape.id())) {
            duplicates++;
            return;
        }
        seenIds.set((int) shape.id());
        samples += shape.samples();
        long appendMillis = r.timestamp();
        timestampType = r.timestampType().toString();
        if (firstAppendMillis == 0) {
            firstAppendMillis = appendMillis;
        }
        lastAppendMillis = Math.max(lastAppendMillis, appendMillis);
        if (measureLatency && shape.rows() > 0) {
            long appendNanos = appendMillis * 1_000_000L;
            for (int i = 0; i < shape.rows(); i++) {
                long read = shape.startNanos() + i * shape.intervalNanos();
                sampleLatency.recordValueWithCount(micros(appendNanos - read), shape.columns());
            }
            long newest = shape.startNanos() + (shape.rows() - 1L) * shape.intervalNanos();
            blockLatency.recordValue(micros(appendNanos - newest));
        }
        dataPackets++; // only this thread writes; volatile for the waiting one
    }

    /** @return the figures so far */
    ReadBackTally snapshot() {
        return new ReadBackTally(records, dataPackets, duplicates, samples, undecodable, firstAppendMillis,
                lastAppendMillis, timestampType, LatencySummary.of(sampleLatency), LatencySummary.of(blockLatency));
    }

    /**
     * Adds this session's latencies to histograms of several sessions; call after the read-back stopped.
     *
     * @param samples per-sample latencies, microseconds
     * @param blocks  per-block (newest sample) latencies, microseconds
     */
    void addLatenciesTo(Histogram samples, Histogram blocks) {
        samples.add(sampleLatency);
        blocks.add(blockLatency);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }
}
