package io.slipstream.app.view;

import io.slipstream.app.http.AppHttpServer;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.view.ViewService;
import io.slipstream.view.http.ViewRoutes;
import io.slipstream.view.kafka.KafkaPacketSource;
import java.time.Duration;
import java.util.Map;

/**
 * The view served on an {@link AppHttpServer}: what {@code slipstream view} runs, and what {@code --view} starts
 * beside {@code run}, {@code replay} and {@code serve}. It only reads Kafka.
 */
public final class ViewServer implements AutoCloseable {

    /** How long a Kafka metadata call may take before the page says Kafka cannot be reached. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    /** How long a first request for a data source waits for what is already there to be read. */
    static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final ViewService service;
    private final ViewRoutes routes;
    private final AppHttpServer http;

    private ViewServer(ViewService service, ViewRoutes routes, AppHttpServer http) {
        this.service = service;
        this.routes = routes;
        this.http = http;
    }

    /**
     * @param bootstrap         Kafka bootstrap servers to read
     * @param partitionMappings stream name to partition (partition-based layout)
     * @param host              the address to bind ({@link AppHttpServer#LOOPBACK} unless asked otherwise)
     * @param port              the port, 0 for any free one
     * @return the running view
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ViewServer start(String bootstrap, Map<String, Integer> partitionMappings, String host, int port) {
        return start(KafkaConnection.plaintext(bootstrap), partitionMappings, host, port);
    }

    /**
     * @param bootstrap         the Kafka cluster to read and how to talk to it (SSL / SASL)
     * @param partitionMappings stream name to partition (partition-based layout)
     * @param host              the address to bind ({@link AppHttpServer#LOOPBACK} unless asked otherwise)
     * @param port              the port, 0 for any free one
     * @return the running view
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ViewServer start(KafkaConnection bootstrap, Map<String, Integer> partitionMappings, String host, int port) {
        ViewService service = new ViewService(new KafkaPacketSource(bootstrap, partitionMappings, KAFKA_TIMEOUT), CATCH_UP);
        ViewRoutes routes = new ViewRoutes(service);
        try {
            AppHttpServer http = AppHttpServer.on(port).host(host).routes(routes::routes).start();
            return new ViewServer(service, routes, http);
        } catch (RuntimeException e) {
            routes.close();
            service.close();
            throw e;
        }
    }

    /**
     * @param dataSource the data source to open the page on, or null
     * @return the page's address
     */
    public String address(String dataSource) {
        String host = http.host().equals("0.0.0.0") ? "localhost" : http.host();
        return "http://" + host + ":" + http.port() + "/" + (dataSource == null ? "" : "?ds=" + dataSource);
    }

    @Override
    public void close() {
        http.close();
        routes.close();
        service.close();
    }
}
