package io.slipstream.sink.streamapi;

import java.util.List;

/**
 * What one session written by the sink came to.
 *
 * @param sessionKey            the ATLAS session key
 * @param counters              the counters at the end
 * @param unconfirmedPacketIds  ids of packets not read back from Kafka (empty when confirmation is off)
 */
public record SinkResult(String sessionKey, SinkSnapshot counters, List<Long> unconfirmedPacketIds) {

    /** Copies the list. */
    public SinkResult {
        unconfirmedPacketIds = List.copyOf(unconfirmedPacketIds);
    }
}
