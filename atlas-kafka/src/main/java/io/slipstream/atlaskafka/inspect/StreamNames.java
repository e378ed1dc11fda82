package io.slipstream.atlaskafka.inspect;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import org.apache.kafka.common.TopicPartition;

/** Resolves a topic partition of a data source to the stream name the Stream API wrote it under. */
final class StreamNames {

    private final KafkaLayout layout;
    private final String dataSource;

    StreamNames(KafkaLayout layout, String dataSource) {
        this.layout = layout;
        this.dataSource = dataSource;
    }

    String streamOf(TopicPartition tp) {
        if (tp.topic().equals(layout.essentialTopic(dataSource))) {
            return LandedPacket.ESSENTIALS;
        }
        return layout.streamOfTopic(dataSource, tp.topic()).orElseGet(() -> {
            int partition = tp.partition();
            if (partition == 0) {
                return KafkaLayout.MAIN_STREAM;
            }
            // An unmapped partition is named by its number, so that the checker can say where it saw a record.
            return layout.partitionMappings().containsValue(partition) ? layout.streamOfPartition(partition) : "#" + partition;
        });
    }
}
