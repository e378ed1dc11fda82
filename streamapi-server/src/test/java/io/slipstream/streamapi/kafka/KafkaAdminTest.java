package io.slipstream.streamapi.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.slipstream.streamapi.KafkaBroker;

/** Topic creation against a real broker. */
class KafkaAdminTest {

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static KafkaAdmin admin;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(dir, 0);
        admin = new KafkaAdmin(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * The idempotent producer loses the first batch sent to a partition the broker has not opened yet when a later
     * batch lands first (KAFKA-15591), so a topic must take writes the moment ensureTopics returns: here a producer
     * that never retries writes to every partition of freshly created topics, and every write must succeed at once.
     */
    @Test
    void aCreatedTopicTakesWritesAtOnceWithoutARetry() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.RETRIES_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int topics = 20;
        int partitions = 3;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int t = 0; t < topics; t++) {
                String topic = "Fresh" + t;
                admin.ensureTopics(Map.of(topic, partitions));
                for (int p = 0; p < partitions; p++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, p, null, new byte[] {(byte) p})));
                }
            }
            for (Future<RecordMetadata> f : sent) {
                assertEquals(0, f.get().offset(), "first record of a fresh partition");
            }
        }
        for (int t = 0; t < topics; t++) {
            assertEquals(partitions, admin.knownPartitions("Fresh" + t).orElseThrow());
        }
    }
}
