package io.slipstream.sink.streamapi;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import io.grpc.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The one ordered writer of one stream: a long-lived {@code WriteDataPackets} client stream whose sends follow
 * gRPC flow control. reactor-grpc turns the transport's readiness into demand on our request flux, and packets
 * leave the queue only against that demand, in the order they were offered.
 *
 * <p>Offered packets wait in a bounded queue; when it is full, {@link #offer} does not complete until the server
 * takes more, which is how a stalled server pushes back on the pipeline (whose overflow policy then decides).
 * Packets handed to gRPC stay in a bounded resend buffer, because a client stream gets no per-packet
 * acknowledgement: after a reconnect, whatever Kafka does not show (or, without Kafka, the whole buffer) goes again.
 */
final class StreamWriter {

    private static final Logger LOG = LoggerFactory.getLogger(StreamWriter.class);
    private static final int BATCH_PACKETS = 64;
    private static final int BATCH_BYTES = 256 * 1024;

    private final String stream;
    private final int capacityPackets;
    private final long capacityBytes;
    private final SinkCounters counters;
    private final BiConsumer<StreamWriter, Throwable> onFailure;
    private final IdLog ids = new IdLog();
    private final AtomicInteger wip = new AtomicInteger();

    private final ArrayDeque<OutboundPacket> pending = new ArrayDeque<>();
    private final ArrayDeque<OutboundPacket> retained = new ArrayDeque<>();
    private long pendingBytes;
    private long retainedBytes;
    private OutboundPacket waiting;
    private MonoSink<Void> waiter;
    private FluxSink<PacketBatch> out;
    private Disposable call;
    private boolean closing;
    private boolean halfClosed;
    private Throwable failed;
    private final Sinks.One<Void> finished = Sinks.one();
    private final Sinks.One<Void> halfClosedOnce = Sinks.one();
    private boolean disposed;

    /**
     * @param stream          the stream name ("" is the main stream)
     * @param capacityPackets bound of the send queue and of the resend buffer, in packets
     * @param capacityBytes   bound of the resend buffer, in bytes
     * @param counters        where sends are counted
     * @param onFailure       told when the call fails (not when it ends cleanly)
     */
    StreamWriter(String stream, int capacityPackets, long capacityBytes, SinkCounters counters,
                 BiConsumer<StreamWriter, Throwable> onFailure) {
        this.stream = stream;
        this.capacityPackets = capacityPackets;
        this.capacityBytes = capacityBytes;
        this.counters = counters;
        this.onFailure = onFailure;
    }

    /** @return the stream name */
    String stream() {
        return stream;
    }

    /** @return the ids of every packet offered to this stream, in order */
    long[] ids() {
        return ids.toArray();
    }

    /**
     * Opens a new client stream and starts sending what is queued.
     *
     * @param channel a live channel to the Stream API
     */
    void open(Channel channel) {
        Flux<PacketBatch> requests = Flux.create(sink -> {
            synchronized (this) {
                out = sink;
                halfClosed = false;
            }
            sink.onRequest(n -> drain());
        });
        Disposable d = PacketWriterCall.writeDataPackets(channel, requests).subscribe(
                r -> { },
                e -> callEnded(e),
                () -> callEnded(null));
        synchronized (this) {
            call = d;
        }
        drain();
    }

    private void callEnded(Throwable error) {
        boolean clean;
        synchronized (this) {
            out = null;
            clean = error == null || disposed;
        }
        if (clean) {
            LOG.debug("stream '{}': writer call ended", stream);
            finished.tryEmitEmpty();
        } else {
            onFailure.accept(this, error);
        }
    }

    /**
     * Queues a packet; completes at once when the queue has room, otherwise when the server has taken enough.
     *
     * @param p the packet
     * @return completion when queued
     */
    Mono<Void> offer(OutboundPacket p) {
        synchronized (this) {
            if (failed != null) {
                return Mono.error(failed);
            }
            if (hasRoom()) {
                enqueue(p);
                p = null;
            }
        }
        if (p == null) {
            drain();
            return Mono.empty();
        }
        OutboundPacket late = p;
        return Mono.create(s -> {
            boolean now;
            synchronized (this) {
                now = hasRoom();
                if (now) {
                    enqueue(late);
                } else {
                    waiting = late;
                    waiter = s;
                }
            }
            if (now) {
                drain();
                s.success();
            }
        });
    }

    private boolean hasRoom() {
        return pending.size() < capacityPackets && waiter == null;
    }

    private void enqueue(OutboundPacket p) {
        pending.addLast(p);
        pendingBytes += p.size();
        ids.add(p.id());
    }

    /** Sends as much as demand allows; one thread at a time, re-run when someone asked meanwhile. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (true) {
                FluxSink<PacketBatch> o;
                List<byte[]> batch = new ArrayList<>();
                int bytes = 0;
                long samples = 0;
                MonoSink<Void> wake = null;
                synchronized (this) {
                    o = out;
                    if (o == null || pending.isEmpty() || o.requestedFromDownstream() <= 0) {
                        if (o != null && closing && pending.isEmpty() && !halfClosed) {
                            halfClosed = true;
                            o.complete();
                            halfClosedOnce.tryEmitEmpty();
                        }
                        break;
                    }
                    while (!pending.isEmpty() && batch.size() < BATCH_PACKETS
                            && (bytes == 0 || bytes + pending.peekFirst().size() <= BATCH_BYTES)) {
                        OutboundPacket p = pending.pollFirst();
                        pendingBytes -= p.size();
                        bytes += p.size();
                        samples += p.samples();
                        batch.add(p.details());
                        retain(p);
                    }
                    if (waiter != null && hasRoomIgnoringWaiter()) {
                        enqueue(waiting);
                        wake = waiter;
                        waiter = null;
                        waiting = null;
                    }
                }
                counters.sent(batch.size(), bytes, samples);
                o.next(new PacketBatch(batch));
                if (wake != null) {
                    wake.success();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private boolean hasRoomIgnoringWaiter() {
        return pending.size() < capacityPackets;
    }

    private void retain(OutboundPacket p) {
        retained.addLast(p);
        retainedBytes += p.size();
        while (retained.size() > capacityPackets || (retainedBytes > capacityBytes && retained.size() > 1)) {
            retainedBytes -= retained.pollFirst().size();
        }
    }

    /**
     * Puts back in front of the queue what the server may not have taken, after a lost connection.
     *
     * @param lastLanded the highest id of this stream known to be on Kafka, or -1 when unknown (resend all retained)
     * @return how many packets were put back
     */
    long requeueAfterLoss(long lastLanded) {
        synchronized (this) {
            List<OutboundPacket> again = new ArrayList<>();
            for (OutboundPacket p : retained) {
                if (p.id() > lastLanded) {
                    again.add(p.again());
                }
            }
            if (lastLanded >= 0) {
                long firstRetained = retained.isEmpty()
                        ? (pending.isEmpty() ? Long.MAX_VALUE : pending.peekFirst().id())
                        : retained.peekFirst().id();
                long lost = ids.countBetween(lastLanded, firstRetained);
                if (lost > 0) {
                    LOG.warn("stream '{}': {} packets after id {} left the resend buffer before the reconnect; "
                            + "they are lost", stream, lost, lastLanded);
                    counters.dropped("resend-buffer-overflow", lost);
                }
            }
            retained.clear();
            retainedBytes = 0;
            for (int i = again.size() - 1; i >= 0; i--) {
                pending.addFirst(again.get(i));
                pendingBytes += again.get(i).size();
            }
            counters.resent(again.size());
            return again.size();
        }
    }

    /**
     * Sends what is queued, then half-closes the call; completes when the server answered or after the grace time
     * (the official server never answers a client stream, so the grace ends it), then cancels the call.
     *
     * @param grace how long to wait for the server's answer after the half-close
     * @return completion
     */
    Mono<Void> close(Duration grace) {
        synchronized (this) {
            closing = true;
        }
        drain();
        return halfClosedOnce.asMono()
                .then(finished.asMono().timeout(grace, Mono.fromRunnable(() ->
                        LOG.debug("stream '{}': no answer to half-close within {}; ending the call", stream, grace))))
                .then(Mono.fromRunnable(this::dispose));
    }

    /** @return whether every queued packet was handed to gRPC */
    synchronized boolean drained() {
        return pending.isEmpty();
    }

    /** Gives up: queued offers fail. */
    void fail(Throwable error) {
        MonoSink<Void> w;
        synchronized (this) {
            failed = error;
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.error(error);
        }
        finished.tryEmitError(error);
        halfClosedOnce.tryEmitError(error);
    }

    /** Cancels the call, if any. */
    void dispose() {
        Disposable d;
        synchronized (this) {
            d = call;
            disposed = true;
        }
        if (d != null) {
            d.dispose();
        }
    }

    /** @return packets queued and not yet handed to gRPC */
    synchronized int queued() {
        return pending.size();
    }
}
