package io.slipstream.atlaskafka.inspect;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.ReadEnd;
import io.slipstream.atlaskafka.read.TailPartition;
import io.slipstream.atlaskafka.read.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ma.streaming.open_data.v1.Packet;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Reads what landed on a data source's topics: its main topic (all partitions), its essentials topic and its
 * topic-based stream topics, as the layout names them. Consumers are assigned partitions directly, never join a
 * group, commit nothing.
 */
public final class KafkaPacketReader {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPacketReader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Reads every record from the beginning up to the end offsets at call time.
     *
     * @param bootstrap          Kafka bootstrap servers
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}} (partition-based layout); may be empty
     * @return the records, ordered by topic, partition and offset
     */
    public List<LandedPacket> readAll(String bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        return readAll(KafkaConnection.plaintext(bootstrap), dataSource, partitionMappings);
    }

    /**
     * As {@link #readAll(String, String, Map)}, on a cluster that may need SSL or SASL.
     *
     * @param bootstrap          the Kafka cluster and how to talk to it
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}}; may be empty
     * @return every record, sorted by topic, partition and offset
     */
    public List<LandedPacket> readAll(KafkaConnection bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        List<LandedPacket> out = new ArrayList<>(readToEnd(bootstrap, dataSource, partitionMappings)
                .collectList()
                .block());
        out.sort(Comparator.comparing(LandedPacket::topic).thenComparingInt(LandedPacket::partition)
                .thenComparingLong(LandedPacket::offset));
        LOG.debug("read {} records of data source {} from {}", out.size(), dataSource, bootstrap);
        return out;
    }

    /**
     * Streams every record from the beginning up to the end offsets at subscription time, one poll batch at a
     * time, so that a caller that folds records as they come never holds them all (the view does).
     *
     * @param bootstrap          Kafka bootstrap servers
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}} (partition-based layout); may be empty
     * @return the records, in poll order (per partition in offset order)
     */
    public Flux<LandedPacket> readToEnd(String bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        return readToEnd(KafkaConnection.plaintext(bootstrap), dataSource, partitionMappings);
    }

    /**
     * As {@link #readToEnd(String, String, Map)}, on a cluster that may need SSL or SASL.
     *
     * @param bootstrap          the Kafka cluster and how to talk to it
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}}; may be empty
     * @return the records, in poll order (per partition in offset order)
     */
    public Flux<LandedPacket> readToEnd(KafkaConnection bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        ConsumerProperties consumer = ConsumerProperties.assignOnly(bootstrap, "inspect");
        return Flux.defer(() -> LogReader.toEnd(consumer, plan(consumer, dataSource, partitionMappings),
                        ReadEnd.endOffsets(TIMEOUT), Schedulers.boundedElastic()))
                .flatMapIterable(batch -> batch)
                .map(KafkaPacketReader::decode);
    }

    /**
     * Follows a data source's topics live, from the beginning. Topics are those that exist when subscribed.
     *
     * @param bootstrap          Kafka bootstrap servers
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}}
     * @return the records as they arrive, until cancelled
     */
    public Flux<LandedPacket> follow(String bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        return follow(KafkaConnection.plaintext(bootstrap), dataSource, partitionMappings);
    }

    /**
     * As {@link #follow(String, String, Map)}, on a cluster that may need SSL or SASL.
     *
     * @param bootstrap          the Kafka cluster and how to talk to it
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}}
     * @return the records as they arrive, until cancelled
     */
    public Flux<LandedPacket> follow(KafkaConnection bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        ConsumerProperties consumer = ConsumerProperties.assignOnly(bootstrap, "inspect");
        return Flux.defer(() -> {
            List<TailPartition> plan = plan(consumer, dataSource, partitionMappings);
            if (plan.isEmpty()) {
                return Flux.error(new IllegalStateException("data source " + dataSource + " has no topics on "
                        + bootstrap.bootstrapServers()));
            }
            return LogReader.follow(consumer, plan, Schedulers.boundedElastic())
                    .flatMapIterable(batch -> batch)
                    .map(KafkaPacketReader::decode);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static List<TailPartition> plan(ConsumerProperties consumer, String dataSource,
                                            Map<String, Integer> partitionMappings) {
        KafkaLayout layout = KafkaLayout.legacy(partitionMappings, false);
        StreamNames names = new StreamNames(layout, dataSource);
        List<TopicPartition> partitions = TopicPartitions.matching(consumer, t -> layout.isTopicOf(dataSource, t), TIMEOUT);
        return partitions.stream().map(tp -> TailPartition.fromBeginning(tp, names.streamOf(tp))).toList();
    }

    private static LandedPacket decode(LogEntry entry) {
        byte[] value = entry.value();
        Packet p;
        try {
            p = Packet.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            p = null; // not a packet: the checker reports it
        }
        return new LandedPacket(entry.topic(), entry.partition(), entry.offset(), entry.key(), p, entry.stream(), value);
    }
}
