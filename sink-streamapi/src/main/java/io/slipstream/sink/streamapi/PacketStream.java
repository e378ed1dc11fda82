package io.slipstream.sink.streamapi;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** One stream of a session as the protocol sees it: an ordered, bounded, flow-controlled way to the Stream API. */
interface PacketStream {

    /** @return the stream name ("" is the main stream) */
    String stream();

    /**
     * Queues a packet behind the ones offered before; one offer at a time.
     *
     * @param p the packet
     * @return completes when the packet is queued: at once while there is room, else when the server took enough
     */
    Mono<Void> offer(OutboundPacket p);

    /** @return the ids of every packet offered, in order */
    long[] ids();

    /**
     * Sends what is queued, then ends the stream.
     *
     * @param grace how long to wait for the server's answer after the last packet
     * @return completion
     */
    Mono<Void> close(Duration grace);

    /** Stops at once; what is still queued is not sent. */
    void dispose();
}
