package io.slipstream.streamapi.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partitions from offset 0 up to the end offsets they had when the replay began, in offset
 * order per partition. Used at startup to rebuild the session and data-format state (spec §3.1, §4.2).
 * Unlike the official server, which waits until no record has arrived for a few seconds, the replay
 * stops exactly at the end it measured, so startup is as fast as the log is short.
 */
public final class LogReplay {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private LogReplay() {
    }

    /**
     * @param bootstrapServers the Kafka bootstrap servers
     * @param admin            reads the end offsets
     * @param partitions       the partitions to replay (missing ones count as empty)
     * @param sink             receives every record, in offset order per partition
     * @return the number of records replayed
     * @throws IllegalStateException when the end is not reached within a minute
     */
    public static long replay(String bootstrapServers, KafkaAdmin admin, Collection<TopicPartition> partitions,
                              Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<TopicPartition, Long> ends = new HashMap<>(admin.endOffsets(partitions));
        ends.values().removeIf(end -> end == 0L);
        if (ends.isEmpty()) {
            return 0;
        }
        long count = 0;
        try (KafkaConsumer<String, byte[]> consumer = Consumers.create(bootstrapServers, "replay")) {
            List<TopicPartition> assigned = new ArrayList<>(ends.keySet());
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ends.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay of " + ends.keySet() + " did not reach the end within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long end = ends.get(tp);
                    if (end != null && record.offset() < end) {
                        sink.accept(record);
                        count++;
                    }
                }
                ends.keySet().removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            }
        }
        return count;
    }
}
