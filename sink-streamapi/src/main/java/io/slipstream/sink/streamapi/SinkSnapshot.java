package io.slipstream.sink.streamapi;

import java.util.Map;

/**
 * The sink's counters at one instant.
 *
 * @param sessionKey     the session key, or null before CreateSession answered
 * @param state          the connection state
 * @param packetsSent    packets handed to gRPC (a packet for both streams counts once per stream), resends included
 * @param blocks         data blocks encoded
 * @param markers        markers encoded
 * @param configurations configurations encoded
 * @param bytes          serialised bytes handed to gRPC
 * @param resends        packets sent again after a reconnect
 * @param reconnects     connections re-established mid-session
 * @param dropped        packets dropped, by reason (e.g. {@code resend-buffer-overflow})
 * @param confirmed      packet copies read back from Kafka (confirmation on)
 * @param unconfirmed    packet copies not found on Kafka when confirmation timed out
 * @param samplesSent    sample slots of the data blocks and row packets handed to gRPC, each counted once (resends
 *                       not)
 * @param rows           timestamped rows encoded (each row of a row batch once)
 * @param rowPackets     row data packets encoded (a batch over the byte cap takes several)
 * @param events         event occurrences encoded
 * @param droppedBytes   serialised bytes of the dropped packets, by reason
 * @param droppedSamples sample slots of the dropped packets, by reason
 * @param queuedBytes    bytes waiting in the streams' send queues now
 * @param retainedBytes  bytes kept in the streams' resend buffers now (already sent, kept for a resend)
 */
public record SinkSnapshot(String sessionKey, ConnectionState state, long packetsSent, long blocks, long markers,
                           long configurations, long bytes, long resends, long reconnects,
                           Map<String, Long> dropped, long confirmed, long unconfirmed, long samplesSent,
                           long rows, long rowPackets, long events, Map<String, Long> droppedBytes,
                           Map<String, Long> droppedSamples, long queuedBytes, long retainedBytes) {

    /** Copies the maps. */
    public SinkSnapshot {
        dropped = Map.copyOf(dropped);
        droppedBytes = Map.copyOf(droppedBytes);
        droppedSamples = Map.copyOf(droppedSamples);
    }

    /**
     * The counters of a sink without byte gauges or dropped bytes (kept so that callers written before them compile).
     *
     * @param sessionKey     the session key, or null before CreateSession answered
     * @param state          the connection state
     * @param packetsSent    packets handed to gRPC
     * @param blocks         data blocks encoded
     * @param markers        markers encoded
     * @param configurations configurations encoded
     * @param bytes          serialised bytes handed to gRPC
     * @param resends        packets sent again after a reconnect
     * @param reconnects     connections re-established mid-session
     * @param dropped        packets dropped, by reason
     * @param confirmed      packet copies read back from Kafka
     * @param unconfirmed    packet copies not found on Kafka
     * @param samplesSent    sample slots handed to gRPC
     * @param rows           timestamped rows encoded
     * @param rowPackets     row data packets encoded
     * @param events         event occurrences encoded
     */
    public SinkSnapshot(String sessionKey, ConnectionState state, long packetsSent, long blocks, long markers,
                        long configurations, long bytes, long resends, long reconnects, Map<String, Long> dropped,
                        long confirmed, long unconfirmed, long samplesSent, long rows, long rowPackets, long events) {
        this(sessionKey, state, packetsSent, blocks, markers, configurations, bytes, resends, reconnects, dropped,
                confirmed, unconfirmed, samplesSent, rows, rowPackets, events, Map.of(), Map.of(), 0, 0);
    }

    /**
     * The counters of a sink that sends only blocks, markers and configurations: no rows, no events.
     *
     * @param sessionKey     the session key, or null before CreateSession answered
     * @param state          the connection state
     * @param packetsSent    packets handed to gRPC
     * @param blocks         data blocks encoded
     * @param markers        markers encoded
     * @param configurations configurations encoded
     * @param bytes          serialised bytes handed to gRPC
     * @param resends        packets sent again after a reconnect
     * @param reconnects     connections re-established mid-session
     * @param dropped        packets dropped, by reason
     * @param confirmed      packet copies read back from Kafka
     * @param unconfirmed    packet copies not found on Kafka
     * @param samplesSent    sample slots handed to gRPC
     */
    public SinkSnapshot(String sessionKey, ConnectionState state, long packetsSent, long blocks, long markers,
                        long configurations, long bytes, long resends, long reconnects, Map<String, Long> dropped,
                        long confirmed, long unconfirmed, long samplesSent) {
        this(sessionKey, state, packetsSent, blocks, markers, configurations, bytes, resends, reconnects, dropped,
                confirmed, unconfirmed, samplesSent, 0, 0, 0, Map.of(), Map.of(), 0, 0);
    }

    /** @return all dropped packets, whatever the reason */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the serialised bytes of all dropped packets */
    public long droppedBytesTotal() {
        return droppedBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the sample slots of all dropped packets */
    public long droppedSamplesTotal() {
        return droppedSamples.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the bytes the sink holds now: waiting to be sent and kept for a resend */
    public long bufferedBytes() {
        return queuedBytes + retainedBytes;
    }
}
