package io.slipstream.streamapi;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the embedded Open Streaming stack: where the broker keeps its data, the three ports, an
 * optional external Kafka, and how streams map onto Kafka (spec §2.2).
 *
 * @param dataDir            directory for the embedded broker's data (the broker uses {@code dataDir/kafka})
 * @param kafkaPort          client port of the embedded broker, 0 = a free port
 * @param streamApiPort      port of the Stream API gRPC server, 0 = a free port
 * @param keyGeneratorPort   port of the Key Generator gRPC server, 0 = a free port
 * @param externalBootstrap  bootstrap servers of an external Kafka, or {@code null} to start our own broker
 * @param partitionMappings  stream name to partition of topic {@code {dataSource}} (partition-based mode)
 * @param topicBased         {@code true} puts stream S on topic {@code {dataSource}.S} instead of a partition
 * @param limits             what one client may hold, and how long ended sessions are remembered
 * @param security           the address the Stream API and Key Generator listen on, and TLS
 * @param kafka              the Kafka clients' SSL / SASL settings and the replication of created topics
 * @param retention          how long the embedded broker keeps records (forever by default; not applied to an external Kafka)
 */
public record StackOptions(Path dataDir, int kafkaPort, int streamApiPort, int keyGeneratorPort,
                           String externalBootstrap, Map<String, Integer> partitionMappings,
                           boolean topicBased, ServerLimits limits, ServerSecurity security,
                           KafkaSettings kafka, LogRetention retention) {

    /** Default ports of the official stack. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** Default port of the official Stream API. */
    public static final int DEFAULT_STREAM_API_PORT = 13579;
    /** Default port of the official Key Generator. */
    public static final int DEFAULT_KEY_GENERATOR_PORT = 15379;

    /** Validates the options and freezes the mapping (keeping its order). */
    public StackOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(partitionMappings, "partitionMappings");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(retention, "retention");
        checkPort("kafkaPort", kafkaPort);
        checkPort("streamApiPort", streamApiPort);
        checkPort("keyGeneratorPort", keyGeneratorPort);
        Map<String, Integer> copy = new LinkedHashMap<>();
        partitionMappings.forEach((stream, partition) -> {
            if (stream == null || stream.isEmpty()) {
                throw new IllegalArgumentException("partitionMappings: a stream name must not be empty (the main stream \"\" is always partition 0)");
            }
            if (partition == null || partition < 1) {
                throw new IllegalArgumentException("partitionMappings: stream " + stream + " maps to partition "
                        + partition + ", expected 1 or more (partition 0 is the main stream)");
            }
            copy.put(stream, partition);
        });
        partitionMappings = Collections.unmodifiableMap(copy);
        if (externalBootstrap != null && externalBootstrap.isBlank()) {
            externalBootstrap = null;
        }
    }

    /** @return the official defaults: data in {@code data/}, ports 9092/13579/15379, Stream1→1, Stream2→2, partition-based */
    public static StackOptions defaults() {
        return new StackOptions(Path.of("data"), DEFAULT_KAFKA_PORT, DEFAULT_STREAM_API_PORT,
                DEFAULT_KEY_GENERATOR_PORT, null, defaultMappings(), false, ServerLimits.defaults(), ServerSecurity.loopback(),
                KafkaSettings.defaults(), LogRetention.forever());
    }

    /**
     * @param dir the data directory, e.g. a JUnit temporary directory
     * @return the defaults with all three ports set to 0 (free ports), for tests
     */
    public static StackOptions ephemeral(Path dir) {
        return new StackOptions(dir, 0, 0, 0, null, defaultMappings(), false, ServerLimits.defaults(), ServerSecurity.loopback(),
                KafkaSettings.defaults(), LogRetention.forever());
    }

    private static Map<String, Integer> defaultMappings() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("Stream1", 1);
        m.put("Stream2", 2);
        return m;
    }

    /** @param value the new data directory @return a copy with it */
    public StackOptions withDataDir(Path value) {
        return new StackOptions(value, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, limits, security, kafka, retention);
    }

    /** @param value the new Kafka port @return a copy with it */
    public StackOptions withKafkaPort(int value) {
        return new StackOptions(dataDir, value, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, limits, security, kafka, retention);
    }

    /** @param value the new Stream API port @return a copy with it */
    public StackOptions withStreamApiPort(int value) {
        return new StackOptions(dataDir, kafkaPort, value, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, limits, security, kafka, retention);
    }

    /** @param value the new Key Generator port @return a copy with it */
    public StackOptions withKeyGeneratorPort(int value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, value, externalBootstrap, partitionMappings, topicBased, limits, security, kafka, retention);
    }

    /** @param value bootstrap servers of an external Kafka, or {@code null} for our own broker @return a copy with it */
    public StackOptions withExternalBootstrap(String value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, value, partitionMappings, topicBased, limits, security, kafka, retention);
    }

    /** @param value stream name to partition @return a copy with it */
    public StackOptions withPartitionMappings(Map<String, Integer> value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, value, topicBased, limits, security, kafka, retention);
    }

    /** @param value {@code true} for topic-based streams @return a copy with it */
    public StackOptions withTopicBased(boolean value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, value, limits, security, kafka, retention);
    }

    /** @param value the new limits @return a copy with them */
    public StackOptions withLimits(ServerLimits value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, value, security, kafka, retention);
    }

    /** @param value the new address and TLS settings @return a copy with them */
    public StackOptions withSecurity(ServerSecurity value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, limits, value, kafka, retention);
    }

    /** @param value the Kafka clients' security and the topics' replication @return a copy with them */
    public StackOptions withKafka(KafkaSettings value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, limits, security, value, retention);
    }

    /** @param value how long the embedded broker keeps records @return a copy with it */
    public StackOptions withRetention(LogRetention value) {
        return new StackOptions(dataDir, kafkaPort, streamApiPort, keyGeneratorPort, externalBootstrap, partitionMappings, topicBased, limits, security, kafka, value);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " is " + port + ", expected 0 (a free port) to 65535");
        }
    }
}
