package io.slipstream.streamapi.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends records to Kafka in the official form (spec §2.4/§2.5): UTF-8 string key, serialised packet
 * as value, no headers, uncompressed. The producer is idempotent with {@code acks=all}; a returned future
 * completes only when the broker has acknowledged the record, and fails with the broker's or the
 * client's error otherwise. Records given to {@link #append} from one thread keep their order per
 * partition.
 */
public final class RecordWriter implements AutoCloseable {

    /** Largest record the producer sends; the embedded broker accepts the same. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private final KafkaProducer<String, byte[]> producer;

    /** @param bootstrapServers the Kafka bootstrap servers */
    public RecordWriter(String bootstrapServers) {
        Map<String, Object> config = Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "slipstream-stream-api"),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                // The official server compresses with zstd; on loopback that costs more CPU than it saves (measured:
                // 62-120 MB/s with zstd against 360 MB/s without), and the embedded broker is always local.
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                // No linger: a packet leaves at once (1 ms of linger was a quarter of what the path added after a
                // block at iRacing load); under load records still batch while earlier requests are in flight.
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES),
                // Generous: on a saturated 2-core machine a batch can wait tens of seconds; failing it loses data.
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.producer = new KafkaProducer<>(config);
    }

    /**
     * Sends one record.
     *
     * @param topic     the topic
     * @param partition the partition, or {@code null} to let the key choose
     * @param key       the record key (a session key, or "" for the server's data-format records)
     * @param value     the serialised packet
     * @return a future completed with the record's metadata once the broker acknowledged it
     */
    public CompletableFuture<RecordMetadata> append(String topic, Integer partition, String key, byte[] value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value), (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            // Synchronous failures (record too large, metadata timeout, closed producer) fail the future too.
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** @param partition the target @param key the key @param value the value @return as {@link #append(String, Integer, String, byte[])} */
    public CompletableFuture<RecordMetadata> append(TopicPartition partition, String key, byte[] value) {
        return append(partition.topic(), partition.partition(), key, value);
    }

    /** Sends what is buffered, waits for the acknowledgements (bounded) and releases the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
