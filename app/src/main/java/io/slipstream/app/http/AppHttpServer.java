package io.slipstream.app.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one HTTP server (Javalin on Jetty): {@code /metrics} and, when it lands, the view share it. Features
 * add their routes through {@link Builder#routes} before it starts; Javalin takes routes only then. Binds to
 * loopback unless told otherwise, so that nothing is exposed off the machine by default.
 */
public final class AppHttpServer implements AutoCloseable {

    /** The address it binds to by default. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(AppHttpServer.class);

    private final Javalin javalin;
    private final String host;

    private AppHttpServer(Javalin javalin, String host) {
        this.javalin = javalin;
        this.host = host;
    }

    /**
     * @param port the TCP port (0 picks a free one)
     * @return a builder for a server on that port, on loopback
     */
    public static Builder on(int port) {
        return new Builder(port);
    }

    /** @return the port it listens on */
    public int port() {
        return javalin.port();
    }

    /** @return the address it listens on */
    public String host() {
        return host;
    }

    @Override
    public void close() {
        javalin.stop();
    }

    /** Collects the routes of every feature that serves over HTTP, then starts the one server. */
    public static final class Builder {

        private final int port;
        private String host = LOOPBACK;
        private final List<Consumer<JavalinConfig>> routes = new ArrayList<>();

        private Builder(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("HTTP port " + port + " is not 0 to 65535");
            }
            this.port = port;
        }

        /**
         * @param address the address to bind, e.g. {@code 0.0.0.0} to serve other machines too
         * @return this builder
         */
        public Builder host(String address) {
            this.host = address;
            return this;
        }

        /**
         * @param feature adds its routes ({@code config.routes.get(...)}) and anything else it configures
         * @return this builder
         */
        public Builder routes(Consumer<JavalinConfig> feature) {
            routes.add(feature);
            return this;
        }

        /**
         * @return the running server
         * @throws IllegalStateException when the port cannot be bound
         */
        public AppHttpServer start() {
            Javalin javalin = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                routes.forEach(feature -> feature.accept(config));
            });
            try {
                javalin.start(host, port);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            LOG.info("HTTP server listening on http://{}:{}/", host, javalin.port());
            return new AppHttpServer(javalin, host);
        }
    }
}
