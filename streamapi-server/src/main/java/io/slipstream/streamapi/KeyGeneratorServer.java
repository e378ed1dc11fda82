package io.slipstream.streamapi;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.Server;
import io.slipstream.streamapi.grpc.LoopbackServer;
import io.slipstream.streamapi.keys.KeyGenerator;
import io.slipstream.streamapi.keys.KeyGeneratorService;

/**
 * The Key Generator ({@code ma.streaming.key_generator.v1.UniqueKeyGeneratorService}, spec §5) on its
 * own port (default 15379): lowercase GUID string keys and strictly increasing tick-based numeric keys.
 */
public final class KeyGeneratorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyGeneratorServer.class);

    private final Server server;
    private final int port;
    private volatile boolean closed;

    private KeyGeneratorServer(Server server) {
        this.server = server;
        this.port = server.getPort();
    }

    /**
     * @param port the port on 127.0.0.1, 0 = a free one
     * @return the running server
     * @throws IllegalStateException when the port cannot be bound
     */
    public static KeyGeneratorServer start(int port) {
        Server server = LoopbackServer.start("Key Generator", port, List.of(new KeyGeneratorService(new KeyGenerator())), List.of());
        LOG.info("Key Generator listening on 127.0.0.1:{}", server.getPort());
        return new KeyGeneratorServer(server);
    }

    /** @return the port it listens on */
    public int port() {
        return port;
    }

    /** @return {@code 127.0.0.1:port} */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Stops the server; calling it twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LoopbackServer.stop(server);
        LOG.info("Key Generator on 127.0.0.1:{} stopped", port);
    }
}
