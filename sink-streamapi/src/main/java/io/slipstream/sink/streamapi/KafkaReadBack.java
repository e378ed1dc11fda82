package io.slipstream.sink.streamapi;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.ReadEnd;
import io.slipstream.atlaskafka.read.TailPartition;
import io.slipstream.atlaskafka.read.TopicPartitions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ma.streaming.open_data.v1.Packet;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads back, through the one Kafka log reader, what landed on a data source's data topics (the main topic's
 * partitions and the stream topics, as the layout names them) for one session key, from the beginning up to the
 * end offsets at call time. This is the only way a client-stream writer can learn what the Stream API really took.
 */
final class KafkaReadBack {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One landed packet copy.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param id        its {@code Packet.id}
     * @param type      its {@code Packet.type}
     */
    record Landed(String topic, int partition, long id, String type) {
    }

    // The sink does not know the server's partition mappings; partitionOf learns them from what landed.
    private final KafkaLayout layout = KafkaLayout.legacy(Map.of(), false);
    private final ConsumerProperties consumer;
    private final String dataSource;

    KafkaReadBack(String bootstrap, String dataSource) {
        this.consumer = ConsumerProperties.assignOnly(bootstrap, "readback").apiTimeout(METADATA_TIMEOUT);
        this.dataSource = dataSource;
    }

    /**
     * @param sessionKey the session
     * @return every copy of the session's packets on the data topics, in offset order per partition
     */
    Mono<List<Landed>> read(String sessionKey) {
        return Mono.fromCallable(() -> TopicPartitions.matching(consumer, t -> layout.isDataTopic(dataSource, t), METADATA_TIMEOUT))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(partitions -> LogReader.toEnd(consumer,
                                partitions.stream().map(tp -> TailPartition.fromBeginning(tp, "")).toList(),
                                ReadEnd.endOffsets(READ_TIMEOUT), Schedulers.boundedElastic())
                        .flatMapIterable(batch -> batch)
                        .filter(entry -> sessionKey.equals(entry.key()))
                        .mapNotNull(KafkaReadBack::landed)
                        .collectList()
                        .map(List::copyOf));
    }

    /** @return the landed copy, or null when the value is not a packet (not ours, so nothing to confirm) */
    private static Landed landed(LogEntry entry) {
        try {
            Packet p = Packet.parseFrom(entry.value());
            return new Landed(entry.topic(), entry.partition(), p.getId(), p.getType());
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * Where a stream's packets land: the main stream on the main partition; another stream on its own topic,
     * else on the one other partition of the main topic holding the session's packets, else (an unmapped
     * stream) on the main partition.
     *
     * @param stream the stream
     * @param landed what was read back
     * @return the topic partition
     */
    TopicPartition partitionOf(String stream, List<Landed> landed) {
        TopicPartition main = layout.route(dataSource, KafkaLayout.MAIN_STREAM);
        if (stream.isEmpty()) {
            return main;
        }
        String own = layout.streamTopic(dataSource, stream);
        for (Landed l : landed) {
            if (l.topic().equals(own)) {
                return new TopicPartition(own, 0);
            }
        }
        for (Landed l : landed) {
            if (l.topic().equals(main.topic()) && l.partition() != main.partition()) {
                return new TopicPartition(main.topic(), l.partition());
            }
        }
        return main;
    }
}
