package io.slipstream.atlaskafka.read;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.slipstream.atlaskafka.client.KafkaConnection;

/**
 * The one place consumer properties are built. Every Slipstream consumer is assign-only: no group
 * membership, no offset commits, string keys and byte values, and a position out of range starts at the
 * earliest record. The connection (bootstrap servers, SSL / SASL) comes from {@link KafkaConnection}, shared with
 * the producer and admin clients. Immutable; each option returns a copy.
 */
public final class ConsumerProperties {

    private final KafkaConnection connection;
    private final String purpose;
    private final Map<String, Object> properties;

    private ConsumerProperties(KafkaConnection connection, String purpose, Map<String, Object> properties) {
        this.connection = connection;
        this.purpose = purpose;
        this.properties = Map.copyOf(properties);
    }

    /**
     * @param bootstrapServers the Kafka bootstrap servers
     * @param purpose          what reads (e.g. {@code stream-api-reader}); part of the client id, which is
     *                         unique per opened consumer (a repeated one makes the client's JMX registration
     *                         fail with a warning)
     * @return the assign-only defaults
     */
    public static ConsumerProperties assignOnly(String bootstrapServers, String purpose) {
        return assignOnly(KafkaConnection.plaintext(bootstrapServers), purpose);
    }

    /**
     * @param connection the cluster and how to talk to it
     * @param purpose    as {@link #assignOnly(String, String)}
     * @return the assign-only defaults
     */
    public static ConsumerProperties assignOnly(KafkaConnection connection, String purpose) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new ConsumerProperties(connection, purpose, p);
    }

    /** @param timeout the bound of a blocking call (list topics, end offsets, position) @return a copy with it */
    public ConsumerProperties apiTimeout(Duration timeout) {
        return with(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    }

    /**
     * @param perPartition the most bytes one fetch returns of one partition
     * @param total        the most bytes one fetch returns
     * @return a copy with larger (or smaller) fetches
     */
    public ConsumerProperties fetchBytes(int perPartition, int total) {
        return with(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, perPartition)
                .with(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, total);
    }

    /** @return a copy whose metadata requests never create a missing topic */
    public ConsumerProperties noTopicCreation() {
        return with(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }

    private ConsumerProperties with(String key, Object value) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put(key, value);
        return new ConsumerProperties(connection, purpose, p);
    }

    /** @return the Kafka bootstrap servers, for messages */
    public String bootstrapServers() {
        return connection.bootstrapServers();
    }

    /** @return a new consumer with these properties and a client id of its own; the caller closes it */
    public KafkaConsumer<String, byte[]> open() {
        Map<String, Object> p = connection.clientProperties("slipstream-" + purpose + "-" + UUID.randomUUID());
        p.putAll(properties);
        return new KafkaConsumer<>(p);
    }
}
