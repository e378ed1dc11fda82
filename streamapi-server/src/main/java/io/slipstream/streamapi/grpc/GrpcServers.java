package io.slipstream.streamapi.grpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.slipstream.streamapi.ServerSecurity;

/**
 * A gRPC server on the address {@link ServerSecurity} names (loopback by default), in cleartext HTTP/2 (h2c) as the
 * official servers speak (spec §1.1) or in (mutual) TLS, with the default executor (never {@code directExecutor}:
 * reactive-grpc streams can livelock on it).
 */
public final class GrpcServers {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcServers.class);

    /** Largest inbound message: well above the official 4 MiB, as large as a Kafka record may be. */
    public static final int MAX_INBOUND_BYTES = 16 * 1024 * 1024;

    private GrpcServers() {
    }

    /**
     * @param what         what it serves, for messages
     * @param security     address and transport
     * @param port         the port, 0 = a free one
     * @param services     the services
     * @param interceptors run on every call, the last one first
     * @return the started server
     * @throws IllegalStateException when the TLS files cannot be read or the port cannot be bound
     */
    public static Server start(String what, ServerSecurity security, int port, List<BindableService> services,
                               List<ServerInterceptor> interceptors) {
        NettyServerBuilder builder;
        try {
            builder = NettyServerBuilder.forAddress(new InetSocketAddress(security.resolve(), port), credentials(what, security));
        } catch (IllegalArgumentException e) {
            // A file that is readable but not PEM fails here, when Netty builds its TLS context.
            throw new IllegalStateException(what + " cannot use TLS certificate " + security.tlsCert() + " with key " + security.tlsKey()
                    + (security.mutualTls() ? " and client CA " + security.clientCa() : "") + ": " + e.getMessage(), e);
        }
        builder.withOption(ChannelOption.SO_REUSEADDR, true)
                .maxInboundMessageSize(MAX_INBOUND_BYTES);
        services.forEach(builder::addService);
        interceptors.forEach(builder::intercept);
        Server server;
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new IllegalStateException(what + " cannot listen on " + security.bindAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        if (!security.loopbackOnly() && !security.tls()) {
            LOG.warn("{} listens on {}:{} WITHOUT TLS: anyone who reaches this address can read and write every session in"
                    + " cleartext; give --tls-cert and --tls-key (and --client-ca to admit only your clients)", what,
                    security.bindAddress(), server.getPort());
        }
        return server;
    }

    private static ServerCredentials credentials(String what, ServerSecurity security) {
        if (!security.tls()) {
            return InsecureServerCredentials.create();
        }
        // The messages name the files, never their content: the key is read here and nowhere logged.
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder();
        try {
            tls.keyManager(security.tlsCert().toFile(), security.tlsKey().toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(what + " cannot use TLS certificate " + security.tlsCert() + " with key " + security.tlsKey()
                    + ": " + e.getMessage() + " (expected a PEM certificate chain and a PEM PKCS#8 private key)", e);
        }
        if (security.mutualTls()) {
            try {
                tls.trustManager(security.clientCa().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(what + " cannot use client CA " + security.clientCa() + ": " + e.getMessage()
                        + " (expected PEM CA certificates)", e);
            }
        }
        return tls.build();
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
