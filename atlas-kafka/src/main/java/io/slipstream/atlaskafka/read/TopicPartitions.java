package io.slipstream.atlaskafka.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Finds the partitions a reader should follow among the topics that exist now. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /**
     * @param consumer which cluster, and how to reach it
     * @param topics   which topics are wanted (usually a layout's {@code isTopicOf} or {@code isDataTopic})
     * @param timeout  the bound of the metadata request
     * @return every partition of every wanted topic, ordered by topic and partition
     */
    public static List<TopicPartition> matching(ConsumerProperties consumer, Predicate<String> topics, Duration timeout) {
        List<TopicPartition> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer.open()) {
            for (Map.Entry<String, List<PartitionInfo>> e : c.listTopics(timeout).entrySet()) {
                if (topics.test(e.getKey())) {
                    e.getValue().forEach(pi -> out.add(new TopicPartition(e.getKey(), pi.partition())));
                }
            }
        }
        out.sort((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        return out;
    }
}
