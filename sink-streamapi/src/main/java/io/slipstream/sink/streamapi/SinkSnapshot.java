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
 * @param samplesSent    sample slots of the data blocks handed to gRPC, each block counted once (resends not)
 */
public record SinkSnapshot(String sessionKey, ConnectionState state, long packetsSent, long blocks, long markers,
                           long configurations, long bytes, long resends, long reconnects,
                           Map<String, Long> dropped, long confirmed, long unconfirmed, long samplesSent) {

    /** Copies the map. */
    public SinkSnapshot {
        dropped = Map.copyOf(dropped);
    }

    /** @return all dropped packets, whatever the reason */
    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
