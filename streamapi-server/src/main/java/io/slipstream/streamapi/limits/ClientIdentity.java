package io.slipstream.streamapi.limits;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Who a call comes from, for the per-client limits: the remote IP address, without the port (a client can open as
 * many connections as it likes, but not as many addresses). Put into the gRPC {@link Context} of every call, where the
 * services read it while the call is being dispatched.
 */
public final class ClientIdentity implements ServerInterceptor {

    private static final Context.Key<String> CLIENT = Context.key("slipstream-client");

    /** The client of calls that come without a remote address (e.g. in-process). */
    public static final String UNKNOWN = "unknown";

    /**
     * @return the client of the call being dispatched on this thread, {@link #UNKNOWN} outside of a call
     */
    public static String current() {
        String client = CLIENT.get();
        return client == null ? UNKNOWN : client;
    }

    /**
     * @param call a call
     * @return its client: the remote IP address
     */
    public static String of(ServerCall<?, ?> call) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return UNKNOWN;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        return Contexts.interceptCall(Context.current().withValue(CLIENT, of(call)), call, headers, next);
    }
}
