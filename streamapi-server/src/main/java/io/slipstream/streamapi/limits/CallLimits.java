package io.slipstream.streamapi.limits;

import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Bounds the long-lived calls: per client, the streaming calls (readers and client-streaming writes) and the session
 * notification subscribers; in the whole server, the readers, which each hold one of the {@code maxReaders} polling
 * threads (beyond them a reader used to wait for a thread without an error). A call beyond a limit is closed at once
 * with RESOURCE_EXHAUSTED naming the limit; unary calls are not counted. A slot is given back when the call closes or
 * is cancelled, whichever comes first.
 */
public final class CallLimits implements ServerInterceptor {

    private static final String SESSIONS = "ma.streaming.api.v1.SessionManagementService/";
    private static final Set<String> SUBSCRIPTIONS = Set.of(SESSIONS + "GetSessionStartNotification", SESSIONS + "GetSessionStopNotification");
    private static final String READER_SERVICE = "ma.streaming.api.v1.PacketReaderService";

    private final ClientCounts streams;
    private final ClientCounts subscribers;
    private final Semaphore readers;
    private final int maxReaders;
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param maxStreamsPerClient     streaming calls per client
     * @param maxSubscribersPerClient notification streams per client
     * @param maxReaders              reader calls in the whole server
     */
    public CallLimits(int maxStreamsPerClient, int maxSubscribersPerClient, int maxReaders) {
        this.streams = new ClientCounts("open streaming calls", maxStreamsPerClient, "cancel a reader or finish a write stream first");
        this.subscribers = new ClientCounts("open session notification streams", maxSubscribersPerClient, "cancel one first");
        this.readers = new Semaphore(maxReaders);
        this.maxReaders = maxReaders;
    }

    /** @return reader calls open now, in the whole server */
    public int readersOpen() {
        return maxReaders - readers.availablePermits();
    }

    /** @return calls refused by a limit since start */
    public long refused() {
        return refused.get();
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        MethodDescriptor<Q, A> method = call.getMethodDescriptor();
        if (method.getType() == MethodDescriptor.MethodType.UNARY) {
            return next.startCall(call, headers);
        }
        String client = ClientIdentity.of(call);
        ClientCounts counts = SUBSCRIPTIONS.contains(method.getFullMethodName()) ? subscribers : streams;
        boolean reader = READER_SERVICE.equals(method.getServiceName());
        try {
            counts.acquire(client);
        } catch (LimitReachedException e) {
            return refuse(call, e.getMessage());
        }
        if (reader && !readers.tryAcquire()) {
            counts.release(client);
            return refuse(call, "the server has " + maxReaders + " readers open, the most it serves at once; try again later");
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                counts.release(client);
                if (reader) {
                    readers.release();
                }
            }
        };
        ServerCall<Q, A> releasing = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                release.run();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(releasing, headers);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }
        };
    }

    private <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, String why) {
        refused.incrementAndGet();
        call.close(Status.RESOURCE_EXHAUSTED.withDescription(why), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
