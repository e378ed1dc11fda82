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
 */
public record SinkSnapshot(String sessionKey, ConnectionState state, long packetsSent, long blocks, long markers,
                           long configurations, long bytes, long resends, long reconnects,
                           Map<String, Long> dropped, long confirmed, long unconfirmed, long samplesSent,
                           long rows, long rowPackets, long events) {

    /** Copies the map. */
    public SinkSnapshot {
        dropped = Map.copyOf(dropped);
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
                confirmed, unconfirmed, samplesSent, 0, 0, 0);
    }

    /** @return all dropped packets, whatever the reason */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
