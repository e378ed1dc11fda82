package io.slipstream.sink.streamapi;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import ma.streaming.api.v1.WriteDataPacketsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * The one ordered writer of one stream: a long-lived {@code WriteDataPackets} client stream whose sends follow gRPC
 * flow control, as in grpc-java's manual flow-control example: packets leave the {@link SendQueue} only while the
 * call {@code isReady()}, and its on-ready callback sends again. That readiness reaches the session protocol as
 * Reactor demand: an {@link #offer} completes only when the queue has room, so a stalled server holds back the
 * pipeline (whose overflow policy then decides) instead of filling memory.
 *
 * <p>When the call fails, the writer asks its {@link Reconnect} when and from where to go on, puts back what the
 * server may not have taken, and opens a new call. Every send happens under the writer's lock: gRPC runs the on-ready
 * callback on its own executor, never inside a send, so the lock is never taken twice by one thread.
 */
final class StreamWriter implements PacketStream {

    private static final Logger LOG = LoggerFactory.getLogger(StreamWriter.class);
    private static final int BATCH_PACKETS = 64;
    private static final int BATCH_BYTES = 256 * 1024;

    private final String stream;
    private final Channel channel;
    private final SendQueue queue;
    private final SinkCounters counters;
    private final Reconnect reconnect;
    private final Sinks.One<Void> finished = Sinks.one();
    private final Sinks.One<Void> halfClosed = Sinks.one();

    // Guarded by this.
    private Call call;
    private OutboundPacket waiting;
    private MonoSink<Void> waiter;
    private boolean closing;
    private boolean disposed;
    private Throwable failed;
    private Disposable recovering;

    /**
     * @param stream    the stream name ("" is the main stream)
     * @param channel   the Stream API channel
     * @param queue     the stream's send queue and resend buffer
     * @param counters  where sends are counted
     * @param reconnect what to do when the call fails
     */
    StreamWriter(String stream, Channel channel, SendQueue queue, SinkCounters counters, Reconnect reconnect) {
        this.stream = stream;
        this.channel = channel;
        this.queue = queue;
        this.counters = counters;
        this.reconnect = reconnect;
        queue.countTo(counters);
    }

    @Override
    public String stream() {
        return stream;
    }

    @Override
    public synchronized long[] ids() {
        return queue.ids();
    }

    /** Opens a new client stream; sending starts when gRPC says it is ready. */
    void open() {
        Call c = new Call();
        synchronized (this) {
            if (disposed) {
                return;
            }
            call = c;
        }
        PacketWriterCall.start(channel, c);
    }

    @Override
    public Mono<Void> offer(OutboundPacket p) {
        synchronized (this) {
            if (failed != null) {
                return Mono.error(failed);
            }
            if (waiter == null && queue.hasRoom(p)) {
                queue.add(p);
                p = null;
            }
        }
        if (p == null) {
            drain();
            return Mono.empty();
        }
        OutboundPacket late = p;
        return Mono.create(s -> {
            synchronized (this) {
                if (failed != null) {
                    s.error(failed);
                    return;
                }
                if (waiter != null) {
                    s.error(new IllegalStateException("stream '" + stream + "': packet " + late.id()
                            + " offered while packet " + waiting.id() + " still waits for room"));
                    return;
                }
                waiting = late;
                waiter = s;
            }
            s.onCancel(() -> {
                synchronized (this) {
                    if (waiter == s) {
                        waiter = null;
                        waiting = null;
                    }
                }
            });
            drain();
        });
    }

    /** Admits a waiting offer when there is room, sends while the call is ready, half-closes when asked and empty. */
    private void drain() {
        MonoSink<Void> wake = null;
        synchronized (this) {
            while (true) {
                if (waiter != null && queue.hasRoom(waiting)) {
                    queue.add(waiting);
                    wake = waiter;
                    waiter = null;
                    waiting = null;
                }
                if (call == null || !call.ready() || queue.isEmpty()) {
                    break;
                }
                SendQueue.Taken t = queue.take(BATCH_PACKETS, BATCH_BYTES);
                counters.sent(t.batch().details().size(), t.bytes(), t.samples());
                call.requests.onNext(t.batch());
            }
            if (call != null && call.requests != null && closing && queue.isEmpty() && waiter == null
                    && !call.halfClosed) {
                call.halfClosed = true;
                call.requests.onCompleted();
                halfClosed.tryEmitEmpty();
            }
        }
        if (wake != null) {
            wake.success();
        }
    }

    private void callEnded(Call c, Throwable error) {
        long[] ids;
        synchronized (this) {
            if (c != call) {
                return;
            }
            call = null;
            ids = error != null && !disposed ? queue.ids() : null;
        }
        if (ids == null) {
            LOG.debug("stream '{}': writer call ended", stream);
            finished.tryEmitEmpty();
            return;
        }
        // Owned by this writer: dispose() stops it, and it changes nothing but this writer.
        Disposable r = reconnect.afterLoss(stream, ids, error).subscribe(this::resume, this::fail);
        synchronized (this) {
            if (!disposed) {
                recovering = r;
                return;
            }
        }
        r.dispose();
    }

    private void resume(long lastLanded) {
        SendQueue.Requeued r;
        synchronized (this) {
            r = queue.requeue(lastLanded);
        }
        if (r.lost() > 0) {
            LOG.warn("stream '{}': {} packets after id {} left the resend buffer before the reconnect; they are lost",
                    stream, r.lost(), lastLanded);
            counters.dropped("resend-buffer-overflow", r.lost(), r.lostBytes(), r.lostSamples());
        }
        counters.resent(r.resent());
        reconnect.resumed(stream, r.resent(), lastLanded);
        open();
    }

    @Override
    public Mono<Void> close(Duration grace) {
        synchronized (this) {
            closing = true;
        }
        drain();
        return halfClosed.asMono()
                .then(finished.asMono().timeout(grace, Mono.fromRunnable(() ->
                        LOG.debug("stream '{}': no answer to half-close within {}; ending the call", stream, grace))))
                .then(Mono.fromRunnable(this::dispose));
    }

    /**
     * Gives up: the waiting offer and every later one fail, and so does {@link #close}.
     *
     * @param error why
     */
    void fail(Throwable error) {
        MonoSink<Void> w;
        synchronized (this) {
            failed = error;
            w = waiter;
            waiter = null;
            waiting = null;
        }
        if (w != null) {
            w.error(error);
        }
        finished.tryEmitError(error);
        halfClosed.tryEmitError(error);
    }

    @Override
    public void dispose() {
        Disposable r;
        synchronized (this) {
            disposed = true;
            r = recovering;
            if (call != null && call.requests != null) {
                call.requests.cancel("the session's writer of stream '" + stream + "' was disposed", null);
            }
            call = null; // a cancelled call takes no more messages
            queue.clear(); // nothing is sent or resent any more: its bytes are no longer held
        }
        if (r != null) {
            r.dispose();
        }
    }

    /** One attempt of the client stream: its request side, and its answer. */
    private final class Call implements ClientResponseObserver<PacketBatch, WriteDataPacketsResponse> {

        private ClientCallStreamObserver<PacketBatch> requests;
        private boolean halfClosed;

        @Override
        public void beforeStart(ClientCallStreamObserver<PacketBatch> requestStream) {
            synchronized (StreamWriter.this) {
                requests = requestStream;
            }
            requestStream.setOnReadyHandler(StreamWriter.this::drain);
        }

        /** Guarded by the writer. */
        boolean ready() {
            return requests != null && !halfClosed && requests.isReady();
        }

        @Override
        public void onNext(WriteDataPacketsResponse value) {
            // the official server never answers; ours answers with an empty message after the half-close
        }

        @Override
        public void onError(Throwable t) {
            callEnded(this, t);
        }

        @Override
        public void onCompleted() {
            callEnded(this, null);
        }
    }
}
