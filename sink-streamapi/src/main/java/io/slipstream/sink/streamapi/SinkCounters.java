package io.slipstream.sink.streamapi;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The sink's live counters; thread-safe, cheap to update per packet, read with {@link #snapshot()}. */
public final class SinkCounters {

    private volatile String sessionKey;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder blocks = new LongAdder();
    private final LongAdder markers = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder rowPackets = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder configurations = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder samplesSent = new LongAdder();
    private final LongAdder resends = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> droppedBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> droppedSamples = new ConcurrentHashMap<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong retainedBytes = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong unconfirmed = new AtomicLong();

    /** @return the current values */
    public SinkSnapshot snapshot() {
        return new SinkSnapshot(sessionKey, state, packetsSent.sum(), blocks.sum(), markers.sum(),
                configurations.sum(), bytes.sum(), resends.sum(), reconnects.sum(), values(dropped), confirmed.get(),
                unconfirmed.get(), samplesSent.sum(), rows.sum(), rowPackets.sum(), events.sum(),
                values(droppedBytes), values(droppedSamples), queuedBytes.get(), retainedBytes.get());
    }

    private static Map<String, Long> values(Map<String, AtomicLong> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** @return the current connection state */
    public ConnectionState state() {
        return state;
    }

    void sessionKey(String key) { sessionKey = key; }

    void state(ConnectionState s) { state = s; }

    void sent(int packets, long size, long samples) {
        packetsSent.add(packets);
        bytes.add(size);
        samplesSent.add(samples);
    }

    void block() { blocks.increment(); }

    void marker() { markers.increment(); }

    void rows(int n, int packets) {
        rows.add(n);
        rowPackets.add(packets);
    }

    void event() { events.increment(); }

    void configuration() { configurations.increment(); }

    void resent(long n) { resends.add(n); }

    void reconnected() { reconnects.increment(); }

    void dropped(String reason, long n) {
        dropped(reason, n, 0, 0);
    }

    /**
     * @param reason  why, a short stable word (e.g. {@code packet-too-large})
     * @param packets how many packets
     * @param bytes   their serialised bytes
     * @param samples their sample slots
     */
    void dropped(String reason, long packets, long bytes, long samples) {
        if (packets > 0) {
            dropped.computeIfAbsent(reason, k -> new AtomicLong()).addAndGet(packets);
            droppedBytes.computeIfAbsent(reason, k -> new AtomicLong()).addAndGet(bytes);
            droppedSamples.computeIfAbsent(reason, k -> new AtomicLong()).addAndGet(samples);
        }
    }

    /**
     * @param queued   change of the bytes waiting in send queues
     * @param retained change of the bytes kept in resend buffers
     */
    void buffered(long queued, long retained) {
        if (queued != 0) {
            queuedBytes.addAndGet(queued);
        }
        if (retained != 0) {
            retainedBytes.addAndGet(retained);
        }
    }

    void confirmation(long ok, long missing) {
        confirmed.set(ok);
        unconfirmed.set(missing);
    }
}
