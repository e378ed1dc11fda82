package io.slipstream.sink.streamapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The packets of one stream between the session protocol and gRPC, in order: those waiting to be sent (at most
 * {@code capacityPackets} and {@code queueBytes}) and those already handed to gRPC, kept for a resend because a
 * client stream gets no per-packet acknowledgement (at most {@code capacityPackets} and {@code capacityBytes}; the
 * oldest leave first). Packets vary from a few dozen bytes (a marker) to megabytes (a block of a wide, fast group),
 * so a bound in packets alone is no bound: 10,000 blocks of 1,000 channels at 1 kHz would be 13 GB.
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
     * @param resent      how many retained packets go again, in front of the queue
     * @param lost        how many packets after the last landed one had already left the resend buffer
     * @param lostBytes   their serialised bytes
     * @param lostSamples their sample slots
     */
    record Requeued(long resent, long lost, long lostBytes, long lostSamples) {
    }

    private final int capacityPackets;
    private final long capacityBytes;
    private final long queueBytes;
    private final IdLog ids = new IdLog();
    private final ArrayDeque<OutboundPacket> pending = new ArrayDeque<>();
    private final ArrayDeque<OutboundPacket> retained = new ArrayDeque<>();
    private long pendingBytes;
    private long retainedBytes;
    private SinkCounters counters = new SinkCounters();

    /**
     * A queue bounded at a quarter of the resend buffer's bytes: what waits to be sent is a few seconds at most at
     * the rates this machine can send, and what was sent is kept longer for a resend.
     *
     * @param capacityPackets bound of the queue and of the resend buffer, in packets
     * @param capacityBytes   bound of the resend buffer, in bytes (it always keeps the last packet)
     */
    SendQueue(int capacityPackets, long capacityBytes) {
        this(capacityPackets, capacityBytes, Math.max(1, capacityBytes / 4));
    }

    /**
     * @param capacityPackets bound of the queue and of the resend buffer, in packets
     * @param capacityBytes   bound of the resend buffer, in bytes (it always keeps the last packet)
     * @param queueBytes      bound of the queue, in bytes (an empty queue takes any one packet)
     */
    SendQueue(int capacityPackets, long capacityBytes, long queueBytes) {
        if (capacityPackets < 1 || capacityBytes < 1 || queueBytes < 1) {
            throw new IllegalArgumentException("a send queue needs room for a packet and a byte, got "
                    + capacityPackets + " packets, " + capacityBytes + " and " + queueBytes + " bytes");
        }
        this.capacityPackets = capacityPackets;
        this.capacityBytes = capacityBytes;
        this.queueBytes = queueBytes;
    }

    /**
     * @param c where the queue's and the resend buffer's bytes are kept up to date, from now on
     */
    void countTo(SinkCounters c) {
        counters.buffered(-pendingBytes, -retainedBytes);
        counters = c;
        c.buffered(pendingBytes, retainedBytes);
    }

    /**
     * @param p a packet
     * @return whether {@link #add} may take it now: the queue is empty, or it fits within both bounds
     */
    boolean hasRoom(OutboundPacket p) {
        return pending.isEmpty()
                || (pending.size() < capacityPackets && pendingBytes + p.size() <= queueBytes);
    }

    /** @return whether nothing waits to be sent */
    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** @return the bytes waiting to be sent */
    long pendingBytes() {
        return pendingBytes;
    }

    /** @return the bytes kept for a resend */
    long retainedBytes() {
        return retainedBytes;
    }

    /**
     * Queues a packet behind the others and logs its id; the caller checked {@link #hasRoom}.
     *
     * @param p the packet
     */
    void add(OutboundPacket p) {
        if (!hasRoom(p)) {
            throw new IllegalStateException("send queue full at " + pending.size() + " packets, " + pendingBytes
                    + " bytes; packet " + p.id() + " of " + p.size() + " bytes must wait for room");
        }
        pending.addLast(p);
        pendingBytes += p.size();
        counters.buffered(p.size(), 0);
        ids.add(p.id(), p.size(), p.samples());
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
        pendingBytes -= bytes;
        counters.buffered(-bytes, 0);
        return new Taken(new PacketBatch(batch), bytes, samples);
    }

    private void retain(OutboundPacket p) {
        retained.addLast(p);
        retainedBytes += p.size();
        long evicted = p.size();
        while (retained.size() > capacityPackets || (retainedBytes > capacityBytes && retained.size() > 1)) {
            int size = retained.pollFirst().size();
            retainedBytes -= size;
            evicted -= size;
        }
        counters.buffered(0, evicted);
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
        IdLog.Span lost = new IdLog.Span(0, 0, 0);
        if (lastLanded >= 0) {
            long firstRetained = retained.isEmpty()
                    ? (pending.isEmpty() ? Long.MAX_VALUE : pending.peekFirst().id())
                    : retained.peekFirst().id();
            lost = ids.between(lastLanded, firstRetained);
        }
        counters.buffered(0, -retainedBytes);
        retained.clear();
        retainedBytes = 0;
        long back = 0;
        for (int i = again.size() - 1; i >= 0; i--) {
            pending.addFirst(again.get(i));
            back += again.get(i).size();
        }
        pendingBytes += back;
        counters.buffered(back, 0);
        return new Requeued(again.size(), lost.packets(), lost.bytes(), lost.samples());
    }

    /** Forgets everything, waiting and retained: the stream is done with. */
    void clear() {
        counters.buffered(-pendingBytes, -retainedBytes);
        pending.clear();
        retained.clear();
        pendingBytes = 0;
        retainedBytes = 0;
    }
}
