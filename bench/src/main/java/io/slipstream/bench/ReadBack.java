package io.slipstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts, while the run goes on, what lands on a data source's main topic, per session (the record key): one plain
 * consumer on its own thread, assigned every partition from the beginning, no group. Latency is taken from each
 * record's Kafka timestamp against the read times of the block's samples ({@code start + i * interval}); Kafka
 * timestamps have millisecond resolution, so a latency is exact to 1 ms (values below 0, within the same
 * millisecond, count as 0).
 */
final class ReadBack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBack.class);

    private final String bootstrap;
    private final String topic;
    private final boolean measureLatency;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, SessionTally> sessions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param bootstrap      Kafka bootstrap servers
     * @param topic          the data source's main topic
     * @param measureLatency whether sample stamps are read times (real-time pacing); if not, no latency is taken
     */
    ReadBack(String bootstrap, String topic, boolean measureLatency) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.measureLatency = measureLatency;
        this.thread = new Thread(this::loop, "bench-read-back");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading. The topic may not exist yet (an external Stream API creates it with the first session); the
     * reader assigns its partitions, from the beginning, as soon as it appears.
     */
    void start() {
        thread.start();
    }

    /**
     * Waits, bounded, until at least this many distinct periodic data packets of a session were read.
     *
     * @param sessionKey the session
     * @param expected   packets the pipeline sent
     * @param timeout    the bound
     * @return whether they all arrived in time
     */
    boolean awaitDataPackets(String sessionKey, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (dataPackets(sessionKey) < expected && failure.get() == null && thread.isAlive()
                && System.nanoTime() < deadline) {
            synchronized (progress) {
                progress.wait(50);
            }
        }
        return dataPackets(sessionKey) >= expected;
    }

    private long dataPackets(String sessionKey) {
        SessionTally t = sessions.get(sessionKey);
        return t == null ? 0 : t.dataPackets();
    }

    /**
     * What was read of one session so far; call after {@link #stop()} for final figures.
     *
     * @param sessionKey the session
     * @return its tally (all zero when nothing of it was read)
     */
    ReadBackTally tally(String sessionKey) {
        SessionTally t = sessions.get(sessionKey);
        return (t == null ? new SessionTally(measureLatency) : t).snapshot();
    }

    /** Stops the reader, waiting for its thread (bounded). */
    void stop() throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(TimeUnit.SECONDS.toMillis(30));
        throwIfFailed();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }

    private void throwIfFailed() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("reading " + topic + " back from " + bootstrap + " failed: " + e, e);
        }
    }

    private void loop() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "slipstream-bench-read-back");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 32 << 20);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            consumer = c;
            List<TopicPartition> parts = awaitPartitions(c);
            if (parts.isEmpty()) {
                return;
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            LOG.info("Read-back assigned {} partition(s) of {}", parts.size(), topic);
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                    String key = r.key() == null ? "" : r.key();
                    sessions.computeIfAbsent(key, k -> new SessionTally(measureLatency)).count(r);
                }
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure.set(e);
            }
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> c) {
        while (!stopping) {
            Map<String, List<PartitionInfo>> topics = c.listTopics(Duration.ofSeconds(10));
            List<PartitionInfo> infos = topics.get(topic);
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                infos.forEach(i -> out.add(new TopicPartition(i.topic(), i.partition())));
                return out;
            }
            try {
                Thread.sleep(100); // polling for the topic to be created; ends with stop()
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }
}
