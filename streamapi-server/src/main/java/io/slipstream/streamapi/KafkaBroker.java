package io.slipstream.streamapi;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker and controller) running inside this
 * JVM, bound to the loopback interface.
 *
 * <p>The data directory is formatted on first use and reused as it is afterwards, so topics and their
 * records survive a stop and start on the same directory; records are kept {@link LogRetention#forever() forever}
 * unless a retention is given. Only the production Kafka server jars are used (no test kit).
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private volatile boolean closed;

    private KafkaBroker(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * As {@link #start(Path, int, LogRetention)}, keeping records forever.
     *
     * @param dataDir the Kafka log directory; created when missing, reused when already formatted
     * @param port    the client port on 127.0.0.1, or 0 to pick a free one
     * @return the running broker
     */
    public static KafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, LogRetention.forever());
    }

    /**
     * Formats {@code dataDir} if it holds no broker yet, starts the broker and waits until it answers
     * a cluster description request.
     *
     * @param dataDir   the Kafka log directory; created when missing, reused when already formatted
     * @param port      the client port on 127.0.0.1, or 0 to pick a free one
     * @param retention how long records are kept (the broker's default, which the topics it holds inherit)
     * @return the running broker
     * @throws IllegalStateException when the broker does not start or does not become ready in time
     */
    public static KafkaBroker start(Path dataDir, int port, LogRetention retention) {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath();
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        try {
            Files.createDirectories(dir);
            format(dir, controllerPort);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot prepare the Kafka data directory " + dir + ": " + e.getMessage(), e);
        }
        KafkaConfig config = KafkaConfig.fromProps(serverProperties(dir, clientPort, controllerPort, retention), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        KafkaBroker broker = new KafkaBroker(server, dir, clientPort);
        try {
            server.startup();
            broker.awaitReady();
        } catch (RuntimeException e) {
            broker.close();
            throw new IllegalStateException("Kafka broker on 127.0.0.1:" + clientPort + " (data " + dir
                    + ") did not start: " + e.getMessage(), e);
        }
        LOG.info("Kafka broker ready on {} in {} ms (data {}, records kept {})", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir, retention.describe());
        return broker;
    }

    /** @return the bootstrap servers string of this broker, {@code 127.0.0.1:port} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** @return the client port this broker listens on */
    public int port() {
        return port;
    }

    /** @return the log directory this broker keeps its data in */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits for its shutdown; calling it twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker on {} stopped", bootstrapServers());
    }

    private void awaitReady() {
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("no answer to a cluster description within " + READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void format(Path dir, int controllerPort) throws Exception {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setIgnoreFormatted(true)
                .run();
        LOG.info("Formatted Kafka data directory {} (controller port {})", dir, controllerPort);
    }

    private static Properties serverProperties(Path dir, int port, int controllerPort, LogRetention retention) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB dedupe buffer does not fit small heaps once a compacted topic exists.
        p.put("log.cleaner.dedupe.buffer.size", "4194304");
        // The Stream API accepts gRPC messages of several MiB; the broker must take them too.
        p.put("message.max.bytes", String.valueOf(16 * 1024 * 1024));
        // Topics are created explicitly with the partition counts the layout needs.
        p.put("auto.create.topics.enable", "false");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("num.partitions", "1");
        // Kafka's default deletes records after 7 days, among them those the Stream API rebuilds its state from.
        // log.retention.ms wins over the hours and minutes settings; topics carry no override, so they inherit it.
        p.put("log.retention.ms", String.valueOf(retention.millis()));
        return p;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
