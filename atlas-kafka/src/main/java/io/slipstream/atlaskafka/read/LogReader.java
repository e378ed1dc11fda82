package io.slipstream.atlaskafka.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * The one reader of Slipstream's Kafka logs: partitions from given offsets as a {@link Flux} of poll batches,
 * either live or up to the end offsets they had when the read began. A consumer is opened per subscription
 * (assign only, no group), polled only while there is demand, and closed on cancel, completion or error.
 */
public final class LogReader {

    private static final Duration POLL = Duration.ofMillis(100);

    private LogReader() {
    }

    /**
     * @param consumer   the consumer properties
     * @param partitions the partitions, their start offsets and stream labels
     * @param scheduler  where the consumer lives (one worker per subscription)
     * @return poll batches, possibly empty, until cancelled
     */
    public static Flux<List<LogEntry>> follow(ConsumerProperties consumer, List<TailPartition> partitions,
                                              Scheduler scheduler) {
        return read(consumer, partitions, null, scheduler);
    }

    /**
     * @param consumer   the consumer properties
     * @param partitions the partitions, their start offsets and stream labels
     * @param end        where to stop, and how long it may take
     * @param scheduler  where the consumer lives
     * @return poll batches until every partition reached its end; an {@link IllegalStateException} naming the
     * partitions left when {@code end} has a bound that passes first
     */
    public static Flux<List<LogEntry>> toEnd(ConsumerProperties consumer, List<TailPartition> partitions,
                                             ReadEnd end, Scheduler scheduler) {
        return read(consumer, partitions, end, scheduler);
    }

    private static Flux<List<LogEntry>> read(ConsumerProperties consumer, List<TailPartition> partitions,
                                             ReadEnd end, Scheduler scheduler) {
        if (partitions.isEmpty()) {
            return Flux.empty();
        }
        return Flux.<List<LogEntry>, Tail>generate(
                        () -> new Tail(consumer, partitions, end),
                        (tail, sink) -> {
                            if (tail.finished()) {
                                sink.complete();
                            } else {
                                tail.checkDeadline();
                                sink.next(tail.poll());
                            }
                            return tail;
                        },
                        Tail::close)
                .subscribeOn(scheduler);
    }

    /** The state of one subscription: its consumer, labels and (when bounded) end offsets. */
    private static final class Tail {
        private final ConsumerProperties properties;
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<TopicPartition, String> streams = new HashMap<>();
        private final Map<TopicPartition, Long> ends;
        private final ReadEnd end;
        private final long deadline;

        Tail(ConsumerProperties properties, List<TailPartition> partitions, ReadEnd end) {
            this.properties = properties;
            this.end = end;
            this.deadline = end == null || end.within() == null ? Long.MAX_VALUE : System.nanoTime() + end.within().toNanos();
            partitions.forEach(p -> streams.put(p.partition(), p.stream()));
            consumer = properties.open();
            try {
                ends = position(partitions);
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
            if (ends != null) {
                pauseDone();
            }
        }

        /** Assigns and seeks; returns the end offset per partition still to read, or null when live. */
        private Map<TopicPartition, Long> position(List<TailPartition> partitions) {
            Map<TopicPartition, Long> current = end == null ? Map.of() : consumer.endOffsets(streams.keySet());
            consumer.assign(new ArrayList<>(streams.keySet()));
            Map<TopicPartition, Long> bounded = end == null ? null : new HashMap<>();
            for (TailPartition p : partitions) {
                long start = p.startOffset();
                if (start < 0) {
                    consumer.seekToEnd(List.of(p.partition()));
                    start = consumer.position(p.partition());
                } else {
                    consumer.seek(p.partition(), start);
                }
                if (bounded != null) {
                    long last = current.getOrDefault(p.partition(), 0L);
                    bounded.put(p.partition(), end.awaitOneMore() ? Math.max(last, start + 1) : last);
                }
            }
            if (bounded != null) {
                bounded.values().removeIf(e -> e <= 0L);
            }
            return bounded;
        }

        boolean finished() {
            return ends != null && ends.isEmpty();
        }

        void checkDeadline() {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + ends.keySet() + " from " + properties.bootstrapServers()
                        + " did not reach the end offsets " + ends + " within " + end.within().toSeconds() + " s");
            }
        }

        List<LogEntry> poll() {
            List<LogEntry> batch = new ArrayList<>();
            ConsumerRecords<String, byte[]> records;
            try {
                records = consumer.poll(POLL);
            } catch (InterruptException e) {
                // The subscription was cancelled while polling (the worker is interrupted); nothing is lost.
                return batch;
            }
            for (ConsumerRecord<String, byte[]> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (ends != null) {
                    Long last = ends.get(tp);
                    if (last == null || r.offset() >= last) {
                        continue;
                    }
                }
                batch.add(new LogEntry(streams.getOrDefault(tp, ""), r.key(), r.value(), r.timestamp(), r.topic(), r.partition(),
                        r.offset(), r.timestampType()));
            }
            if (ends != null) {
                ends.keySet().removeIf(tp -> consumer.position(tp) >= ends.get(tp));
                pauseDone();
            }
            return batch;
        }

        private void pauseDone() {
            if (!ends.isEmpty()) {
                // Stop fetching partitions that are done, so later polls do not return records past their end.
                List<TopicPartition> done = new ArrayList<>(consumer.assignment());
                done.removeAll(ends.keySet());
                consumer.pause(done);
            }
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
