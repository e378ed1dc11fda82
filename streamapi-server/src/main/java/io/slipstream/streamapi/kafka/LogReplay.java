package io.slipstream.streamapi.kafka;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.ReadEnd;
import io.slipstream.atlaskafka.read.TailPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;

import reactor.core.scheduler.Schedulers;

/**
 * Reads partitions from offset 0 (or given offsets) up to the end offsets they had when the replay began, in offset
 * order per partition, on the calling thread. Used at startup to rebuild the session and data-format state
 * (spec §3.1, §4.2). Unlike the official server, which waits until no record has arrived for a few seconds,
 * the replay stops exactly at the end it measured, so startup is as fast as the log is short.
 */
public final class LogReplay {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private LogReplay() {
    }

    /**
     * @param kafka            the Kafka cluster
     * @param partitions       the partitions to replay (empty ones are done at once)
     * @param sink             receives every record, in offset order per partition
     * @return the number of records replayed
     * @throws IllegalStateException when the end is not reached within a minute
     */
    public static long replay(KafkaConnection kafka, Collection<TopicPartition> partitions, Consumer<LogEntry> sink) {
        return replay(kafka, partitions.stream().map(tp -> TailPartition.fromBeginning(tp, "")).toList(), sink);
    }

    /**
     * @param kafka            the Kafka cluster and its client settings
     * @param from             the partitions to replay, each from its offset (records deleted before it are skipped)
     * @param sink             receives every record, in offset order per partition
     * @return the number of records replayed
     * @throws IllegalStateException when the end is not reached within a minute
     */
    public static long replay(KafkaConnection kafka, Map<TopicPartition, Long> from, Consumer<LogEntry> sink) {
        return replay(kafka, from.entrySet().stream().map(e -> new TailPartition(e.getKey(), e.getValue(), "")).toList(), sink);
    }

    private static long replay(KafkaConnection kafka, List<TailPartition> partitions, Consumer<LogEntry> sink) {
        ConsumerProperties consumer = ConsumerProperties.assignOnly(kafka, "stream-api-replay");
        Long count = LogReader.toEnd(consumer, partitions, ReadEnd.endOffsets(TIMEOUT), Schedulers.immediate())
                .flatMapIterable(batch -> batch)
                .doOnNext(sink)
                .count()
                .block();
        return count == null ? 0 : count;
    }
}
