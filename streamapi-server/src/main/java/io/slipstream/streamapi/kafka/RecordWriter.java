package io.slipstream.streamapi.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.reactivekafka.Outgoing;
import io.slipstream.atlaskafka.reactivekafka.ReactiveKafka;
import io.slipstream.atlaskafka.reactivekafka.Sent;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Appends records to Kafka in the official form (spec §2.4/§2.5): UTF-8 string key, serialised packet
 * as value, no headers, uncompressed. The producer is idempotent with {@code acks=all}; a returned future
 * completes only when the broker has acknowledged the record, and fails with the broker's or the
 * client's error otherwise. Records given to {@link #append} from one thread keep their order per
 * partition. Sending goes through the project's reactor-kafka wrapper ({@link ReactiveKafka}): one long-lived
 * send whose correlation data is each record's future.
 */
public final class RecordWriter implements AutoCloseable {

    /** Largest record the producer sends; the embedded broker accepts the same. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /**
     * Bytes handed to the sender and not yet acknowledged, at most: the producer's own buffer (32 MiB) and as much
     * again in the hand-over queue. A caller past it waits up to {@link #MAX_BLOCK}, as it did on the producer's full
     * buffer when it called the producer itself.
     */
    static final int PENDING_BYTES = 64 * 1024 * 1024;
    /** What a record weighs at least against {@link #PENDING_BYTES}, so that the budget bounds the record count too. */
    private static final int MIN_WEIGHT = 256;
    /** The most records the budget lets wait: the queue's fixed capacity. */
    private static final int PENDING_RECORDS = PENDING_BYTES / MIN_WEIGHT;
    private static final Duration MAX_BLOCK = Duration.ofSeconds(15);
    /** Records taken from the queue while their acknowledgements are pending; the byte budget is the real bound. */
    private static final int IN_FLIGHT = 32 * 1024;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Kafka's "no timestamp": the wrapper reports where a record went, not when. */
    private static final long NO_TIMESTAMP = -1L;

    private static final Map<String, Object> TUNING = Map.ofEntries(
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
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));

    private record Pending(CompletableFuture<RecordMetadata> acked, int weight, int keySize, int valueSize) {
    }

    /**
     * Filled only under {@code this}: a unicast sink takes one producer at a time. Bounded in bytes by {@link #budget},
     * and so in records by its capacity (each record weighs at least {@link #MIN_WEIGHT}).
     */
    private final Sinks.Many<Outgoing<Pending>> queue =
            Sinks.many().unicast().onBackpressureBuffer(Queues.<Outgoing<Pending>>get(PENDING_RECORDS).get());
    private final Semaphore budget = new Semaphore(PENDING_BYTES);
    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Disposable sending;
    private volatile Throwable broken;
    private boolean closed;

    /** @param connection the Kafka cluster and how to talk to it */
    public RecordWriter(KafkaConnection connection) {
        ReactiveKafka kafka = ReactiveKafka.connect(connection, "slipstream-stream-api", TUNING, IN_FLIGHT);
        this.sending = kafka.send(queue.asFlux()).subscribe(this::settle, this::fail, finished::countDown);
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
        int keySize = key == null ? -1 : key.getBytes(StandardCharsets.UTF_8).length;
        // A record larger than the producer takes is refused by it; weighing it at that size keeps it from waiting here.
        int weight = Math.max(MIN_WEIGHT, Math.min(MAX_RECORD_BYTES, Math.max(keySize, 0) + value.length));
        try {
            if (!budget.tryAcquire(weight, MAX_BLOCK.toMillis(), TimeUnit.MILLISECONDS)) {
                acked.completeExceptionally(new TimeoutException("Kafka did not take " + PENDING_BYTES / (1024 * 1024)
                        + " MiB of pending records within " + MAX_BLOCK.toMillis() + " ms"));
                return acked;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acked.completeExceptionally(e);
            return acked;
        }
        Pending p = new Pending(acked, weight, keySize, value.length);
        Sinks.EmitResult result;
        synchronized (this) {
            Throwable error = broken;
            if (closed || error != null) {
                budget.release(weight);
                acked.completeExceptionally(new IllegalStateException(closed ? "the Kafka producer is closed"
                        : "the Kafka producer failed: " + error.getMessage(), error));
                return acked;
            }
            pending.add(p);
            result = queue.tryEmitNext(new Outgoing<>(topic, partition, key, value, p));
        }
        if (result.isFailure()) {
            settle(p, new IllegalStateException("the record could not be queued for Kafka: " + result));
        }
        return acked;
    }

    /** @param partition the target @param key the key @param value the value @return as {@link #append(String, Integer, String, byte[])} */
    public CompletableFuture<RecordMetadata> append(TopicPartition partition, String key, byte[] value) {
        return append(partition.topic(), partition.partition(), key, value);
    }

    private void settle(Sent<Pending> sent) {
        Pending p = sent.correlation();
        if (sent.ok()) {
            if (pending.remove(p)) {
                budget.release(p.weight());
                p.acked().complete(new RecordMetadata(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), 0,
                        NO_TIMESTAMP, p.keySize(), p.valueSize()));
            }
        } else {
            settle(p, sent.error());
        }
    }

    private void settle(Pending p, Throwable error) {
        if (pending.remove(p)) {
            budget.release(p.weight());
            p.acked().completeExceptionally(error);
        }
    }

    /** The send itself ended (the producer could not be created, or failed as a whole): every waiting record fails. */
    private void fail(Throwable error) {
        broken = error;
        pending.forEach(p -> settle(p, error));
        finished.countDown();
    }

    /** Sends what is buffered, waits for the acknowledgements (bounded) and releases the producer. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.tryEmitComplete();
        }
        try {
            if (!finished.await(CLOSE_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                sending.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending.dispose();
        }
        IllegalStateException closedError = new IllegalStateException("the Kafka producer was closed before the broker answered");
        pending.forEach(p -> settle(p, closedError));
    }
}
