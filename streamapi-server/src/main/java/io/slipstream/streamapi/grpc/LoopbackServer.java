package io.slipstream.streamapi.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;

/**
 * A cleartext HTTP/2 (h2c) gRPC server on 127.0.0.1, as the official servers speak (spec §1.1), with
 * the default executor (never {@code directExecutor}: reactive-grpc streams can livelock on it).
 */
public final class LoopbackServer {

    /** Largest inbound message: well above the official 4 MiB, as large as a Kafka record may be. */
    public static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;

    private LoopbackServer() {
    }

    /**
     * @param what     what it serves, for the error message
     * @param port     the port, 0 = a free one
     * @param services     the services
     * @param interceptors run on every call, the last one first
     * @return the started server
     * @throws IllegalStateException when the port cannot be bound
     */
    public static Server start(String what, int port, List<BindableService> services, List<ServerInterceptor> interceptors) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .withOption(ChannelOption.SO_REUSEADDR, true)
                .maxInboundMessageSize(MAX_INBOUND_BYTES);
        services.forEach(builder::addService);
        interceptors.forEach(builder::intercept);
        try {
            return builder.build().start();
        } catch (IOException e) {
            throw new IllegalStateException(what + " cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops accepting calls, gives running ones a moment, then cancels the rest (live readers never end on their own).
     *
     * @param server the server
     */
    public static void stop(Server server) {
        server.shutdown();
        try {
            if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }
}
