package io.slipstream.bench;

import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.TailPartition;
import io.slipstream.atlaskafka.read.TopicPartitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Counts, while the run goes on, what lands on a data source's main topic, per session (the record key): the one
 * Kafka log reader, following every partition from the beginning, no group. Latency is taken from each
 * record's Kafka timestamp against the read times of the block's samples ({@code start + i * interval}); Kafka
 * timestamps have millisecond resolution, so a latency is exact to 1 ms (values below 0, within the same
 * millisecond, count as 0).
 */
final class ReadBack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadBack.class);
    private static final Duration TOPIC_POLL = Duration.ofMillis(100);

    private final String bootstrap;
    private final String topic;
    private final boolean measureLatency;
    private final ConsumerProperties consumer;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<String, SessionTally> sessions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile Disposable reading;
    /**
     * The reader's own thread: following the log keeps its thread busy for the whole run, and on the shared
     * bounded-elastic pool that starved whatever else the pool had put on the same thread (with 50 sessions, the
     * block assembly of two pipelines, which then never sent a block).
     */
    private final Scheduler thread = Schedulers.newSingle("bench-read-back");

    /**
     * @param bootstrap      Kafka bootstrap servers
     * @param topic          the data source's main topic
     * @param measureLatency whether sample stamps are read times (real-time pacing); if not, no latency is taken
     */
    ReadBack(String bootstrap, String topic, boolean measureLatency) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.measureLatency = measureLatency;
        // Large fetches: at full rate one poll carries many 1 MB blocks.
        this.consumer = ConsumerProperties.assignOnly(bootstrap, "bench-read-back").noTopicCreation()
                .fetchBytes(32 << 20, 64 << 20);
    }

    /**
     * Starts reading. The topic may not exist yet (an external Stream API creates it with the first session); the
     * reader assigns its partitions, from the beginning, as soon as it appears.
     */
    void start() {
        reading = Mono.fromCallable(() -> TopicPartitions.matching(consumer, topic::equals, Duration.ofSeconds(10)))
                .filter(parts -> !parts.isEmpty())
                .repeatWhenEmpty(Integer.MAX_VALUE, polls -> polls.delayElements(TOPIC_POLL))
                .subscribeOn(thread)
                .doOnNext(parts -> LOG.info("Read-back assigned {} partition(s) of {}", parts.size(), topic))
                .flatMapMany(parts -> LogReader.follow(consumer, fromBeginning(parts), thread))
                .doFinally(signal -> {
                    finished.countDown();
                    notifyProgress();
                })
                .subscribe(this::count, failure::set);
    }

    private static List<TailPartition> fromBeginning(List<TopicPartition> parts) {
        return parts.stream().map(tp -> TailPartition.fromBeginning(tp, "")).toList();
    }

    private void count(List<LogEntry> batch) {
        for (LogEntry e : batch) {
            String key = e.key() == null ? "" : e.key();
            sessions.computeIfAbsent(key, k -> new SessionTally(measureLatency)).count(new ConsumerRecord<>(e.topic(),
                    e.partition(), e.offset(), e.timestampMs(), e.timestampType(), -1, -1, e.key(), e.value(),
                    new RecordHeaders(), Optional.empty()));
        }
        notifyProgress();
    }

    private void notifyProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
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
        while (dataPackets(sessionKey) < expected && failure.get() == null && finished.getCount() > 0
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

    /**
     * Adds one session's latencies to histograms that cover several; call after {@link #stop()}.
     *
     * @param sessionKey the session (nothing is added when none of it was read)
     * @param samples    per-sample latencies, microseconds
     * @param blocks     per-block latencies, microseconds
     */
    void addLatenciesTo(String sessionKey, Histogram samples, Histogram blocks) {
        SessionTally t = sessions.get(sessionKey);
        if (t != null) {
            t.addLatenciesTo(samples, blocks);
        }
    }

    /** Stops the reader, waiting for it to finish (bounded). */
    void stop() throws InterruptedException {
        Disposable d = reading;
        if (d != null) {
            d.dispose();
            finished.await(30, TimeUnit.SECONDS);
        }
        thread.dispose();
        throwIfFailed();
    }

    @Override
    public void close() throws InterruptedException {
        if (reading != null && finished.getCount() > 0) {
            stop();
        }
        thread.dispose();
    }

    private void throwIfFailed() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("reading " + topic + " back from " + bootstrap + " failed: " + e, e);
        }
    }
}
