package io.slipstream.sink.streamapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets of one stream between the session protocol and gRPC, in order: those waiting to be sent (at most
 * {@code capacityPackets}) and those already handed to gRPC, kept for a resend because a client stream gets no
 * per-packet acknowledgement (at most {@code capacityPackets} and {@code capacityBytes}; the oldest leave first).
 * Not thread-safe: its writer guards it.
 */
final class SendQueue {

    /**
     * Packets taken together for one request.
     *
     * @param batch   the request
     * @param bytes   its packets' serialised size
     * @param samples the sample slots of its data blocks counted for the first time
     */
    record Taken(PacketBatch batch, int bytes, long samples) {
    }

    /**
     * What a resend after a lost connection puts back.
     *
     * @param resent how many retained packets go again, in front of the queue
     * @param lost   how many packets after the last landed one had already left the resend buffer
     */
    record Requeued(long resent, long lost) {
    }

    private final int capacityPackets;
    private final long capacityBytes;
    private final IdLog ids = new IdLog();
    private final ArrayDeque<OutboundPacket> pending = new ArrayDeque<>();
    private final ArrayDeque<OutboundPacket> retained = new ArrayDeque<>();
    private long retainedBytes;

    /**
     * @param capacityPackets bound of the queue and of the resend buffer, in packets
     * @param capacityBytes   bound of the resend buffer, in bytes (it always keeps the last packet)
     */
    SendQueue(int capacityPackets, long capacityBytes) {
        this.capacityPackets = capacityPackets;
        this.capacityBytes = capacityBytes;
    }

    /** @return whether {@link #add} may take another packet */
    boolean hasRoom() {
        return pending.size() < capacityPackets;
    }

    /** @return whether nothing waits to be sent */
    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Queues a packet behind the others and logs its id; the caller checked {@link #hasRoom}.
     *
     * @param p the packet
     */
    void add(OutboundPacket p) {
        if (!hasRoom()) {
            throw new IllegalStateException("send queue full at " + capacityPackets + " packets; packet " + p.id()
                    + " must wait for room");
        }
        pending.addLast(p);
        ids.add(p.id());
    }

    /** @return the ids of every packet ever added, in order */
    long[] ids() {
        return ids.toArray();
    }

    /**
     * Takes the packets at the head, up to a request's limits (one packet at least), and retains them.
     *
     * @param maxPackets at most this many packets
     * @param maxBytes   at most this many bytes, unless the first packet alone is bigger
     * @return the request, or null when nothing waits
     */
    Taken take(int maxPackets, int maxBytes) {
        if (pending.isEmpty()) {
            return null;
        }
        List<byte[]> batch = new ArrayList<>();
        int bytes = 0;
        long samples = 0;
        while (!pending.isEmpty() && batch.size() < maxPackets
                && (bytes == 0 || bytes + pending.peekFirst().size() <= maxBytes)) {
            OutboundPacket p = pending.pollFirst();
            bytes += p.size();
            samples += p.samples();
            batch.add(p.details());
            retain(p);
        }
        return new Taken(new PacketBatch(batch), bytes, samples);
    }

    private void retain(OutboundPacket p) {
        retained.addLast(p);
        retainedBytes += p.size();
        while (retained.size() > capacityPackets || (retainedBytes > capacityBytes && retained.size() > 1)) {
            retainedBytes -= retained.pollFirst().size();
        }
    }

    /**
     * Puts the retained packets after {@code lastLanded} back in front of the queue, in their order, and forgets the
     * rest of the resend buffer.
     *
     * @param lastLanded the highest id of this stream known to have landed, or -1 when unknown (all go again)
     * @return what went back, and what was lost because the resend buffer no longer held it
     */
    Requeued requeue(long lastLanded) {
        List<OutboundPacket> again = new ArrayList<>();
        for (OutboundPacket p : retained) {
            if (p.id() > lastLanded) {
                again.add(p.again());
            }
        }
        long lost = 0;
        if (lastLanded >= 0) {
            long firstRetained = retained.isEmpty()
                    ? (pending.isEmpty() ? Long.MAX_VALUE : pending.peekFirst().id())
                    : retained.peekFirst().id();
            lost = ids.countBetween(lastLanded, firstRetained);
        }
        retained.clear();
        retainedBytes = 0;
        for (int i = again.size() - 1; i >= 0; i--) {
            pending.addFirst(again.get(i));
        }
        return new Requeued(again.size(), lost);
    }
}
