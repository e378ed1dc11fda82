package io.slipstream.streamapi.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Follows partitions from given offsets as a {@link Flux} of poll batches. A consumer is opened per
 * subscription (assign only, no group), polled only while there is demand, and closed on cancel,
 * completion or error. A live tail never completes on its own; a bounded tail completes once every
 * partition reached the end offset it had when the tail began.
 */
public final class LogTail {

    private static final Duration POLL = Duration.ofMillis(100);

    private LogTail() {
    }

    /**
     * @param bootstrapServers the Kafka bootstrap servers
     * @param partitions       the partitions, their start offsets and stream labels
     * @param scheduler        where the consumer lives (one worker per subscription)
     * @return poll batches, possibly empty, until cancelled
     */
    public static Flux<List<LogEntry>> live(String bootstrapServers, List<TailPartition> partitions, Scheduler scheduler) {
        return follow(bootstrapServers, partitions, null, scheduler);
    }

    /**
     * @param bootstrapServers the Kafka bootstrap servers
     * @param partitions       the partitions, their start offsets and stream labels
     * @param admin            used to read the end offsets when the tail begins
     * @param scheduler        where the consumer lives
     * @return poll batches until every partition reached the end it had at the start; when a partition
     * has nothing to read at the start, it waits for one more record there (as the official server does)
     */
    public static Flux<List<LogEntry>> toCurrentEnd(String bootstrapServers, List<TailPartition> partitions,
                                                    KafkaAdmin admin, Scheduler scheduler) {
        return follow(bootstrapServers, partitions, admin, scheduler);
    }

    private static Flux<List<LogEntry>> follow(String bootstrapServers, List<TailPartition> partitions,
                                               KafkaAdmin admin, Scheduler scheduler) {
        if (partitions.isEmpty()) {
            return Flux.empty();
        }
        return Flux.<List<LogEntry>, Tail>generate(
                        () -> new Tail(bootstrapServers, partitions, admin),
                        (tail, sink) -> {
                            if (tail.finished()) {
                                sink.complete();
                            } else {
                                sink.next(tail.poll());
                            }
                            return tail;
                        },
                        Tail::close)
                .subscribeOn(scheduler);
    }

    /** The state of one subscription: its consumer, labels and (when bounded) end offsets. */
    private static final class Tail {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<TopicPartition, String> streams = new HashMap<>();
        private final Map<TopicPartition, Long> ends;

        Tail(String bootstrapServers, List<TailPartition> partitions, KafkaAdmin admin) {
            partitions.forEach(p -> streams.put(p.partition(), p.stream()));
            Map<TopicPartition, Long> current = admin == null ? Map.of() : admin.endOffsets(streams.keySet());
            consumer = Consumers.create(bootstrapServers, "reader");
            consumer.assign(new ArrayList<>(streams.keySet()));
            Map<TopicPartition, Long> bounded = admin == null ? null : new HashMap<>();
            for (TailPartition p : partitions) {
                long start = p.startOffset();
                if (start < 0) {
                    consumer.seekToEnd(List.of(p.partition()));
                    start = consumer.position(p.partition());
                } else {
                    consumer.seek(p.partition(), start);
                }
                if (bounded != null) {
                    bounded.put(p.partition(), Math.max(current.getOrDefault(p.partition(), 0L), start + 1));
                }
            }
            ends = bounded;
        }

        boolean finished() {
            return ends != null && ends.isEmpty();
        }

        List<LogEntry> poll() {
            List<LogEntry> batch = new ArrayList<>();
            org.apache.kafka.clients.consumer.ConsumerRecords<String, byte[]> records;
            try {
                records = consumer.poll(POLL);
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // The subscription was cancelled while polling (the worker is interrupted); nothing is lost.
                return batch;
            }
            for (ConsumerRecord<String, byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (ends != null) {
                    Long end = ends.get(tp);
                    if (end == null || r.offset() >= end) {
                        continue;
                    }
                }
                batch.add(new LogEntry(streams.getOrDefault(tp, ""), r.key(), r.value(), r.timestamp(), r.topic(), r.partition(), r.offset()));
            }
            if (ends != null) {
                ends.keySet().removeIf(tp -> consumer.position(tp) >= ends.get(tp));
                if (!ends.isEmpty()) {
                    // Stop fetching partitions that are done, so later polls do not return records past their end.
                    List<TopicPartition> done = new ArrayList<>(consumer.assignment());
                    done.removeAll(ends.keySet());
                    consumer.pause(done);
                }
            }
            return batch;
        }

        void close() {
            // A cancelled subscription may leave the worker interrupted; close cleanly anyway.
            boolean interrupted = Thread.interrupted();
            try {
                consumer.close();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
