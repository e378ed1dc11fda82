package io.slipstream.streamapi;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Server;
import io.slipstream.streamapi.grpc.GrpcServers;
import io.slipstream.streamapi.keys.KeyGenerator;
import io.slipstream.streamapi.keys.KeyGeneratorService;

/**
 * The Key Generator ({@code ma.streaming.key_generator.v1.UniqueKeyGeneratorService}, spec §5) on its
 * own port (default 15379): lowercase GUID string keys and strictly increasing tick-based numeric keys.
 */
public final class KeyGeneratorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyGeneratorServer.class);

    private final Server server;
    private final ServerSecurity security;
    private final int port;
    private volatile boolean closed;

    private KeyGeneratorServer(Server server, ServerSecurity security) {
        this.server = server;
        this.security = security;
        this.port = server.getPort();
    }

    /**
     * @param port the port on 127.0.0.1, 0 = a free one
     * @return the running server, on loopback in cleartext
     * @throws IllegalStateException when the port cannot be bound
     */
    public static KeyGeneratorServer start(int port) {
        return start(port, ServerSecurity.loopback());
    }

    /**
     * @param port     the port, 0 = a free one
     * @param security the address it listens on, and TLS
     * @return the running server
     * @throws IllegalStateException when the TLS files cannot be used or the port cannot be bound
     */
    public static KeyGeneratorServer start(int port, ServerSecurity security) {
        Server server = GrpcServers.start("Key Generator", security, port, List.of(new KeyGeneratorService(new KeyGenerator())), List.of());
        LOG.info("Key Generator listening on {} port {}", security.describe(), server.getPort());
        return new KeyGeneratorServer(server, security);
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    /** @return where a client on this machine reaches it: {@code 127.0.0.1:port} unless bound to another address */
    public String address() {
        return security.clientAddress(port);
    }

    /** Stops the server; calling it twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        GrpcServers.stop(server);
        LOG.info("Key Generator on port {} stopped", port);
    }
}
