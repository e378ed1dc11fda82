package io.slipstream.view.kafka;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.TopicPartitions;
import io.slipstream.view.PacketSource;
import io.slipstream.view.ViewException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;

/**
 * The view's reads from Kafka, through the same reader as {@code inspect} ({@link KafkaPacketReader}, on the one
 * {@code LogReader}) rather than the Stream API's reader RPCs: it needs no Stream API running (a cluster alone
 * will do), it sees exactly what landed, records the Stream API would not replay included, and the rule checker
 * runs on the same records. Partition-based and topic-based streams of the layout are both read. Consumers are
 * assign-only: no group, no commit, nothing written.
 */
public final class KafkaPacketSource implements PacketSource {

    private final KafkaConnection bootstrap;
    private final Map<String, Integer> partitionMappings;
    private final Duration timeout;
    private final KafkaLayout layout;
    private final KafkaPacketReader reader = new KafkaPacketReader();

    /**
     * @param bootstrap         Kafka bootstrap servers
     * @param partitionMappings stream name to partition of the main topic (partition-based mode)
     * @param timeout           how long a metadata call may take before Kafka counts as unreachable
     */
    public KafkaPacketSource(String bootstrap, Map<String, Integer> partitionMappings, Duration timeout) {
        this(KafkaConnection.plaintext(bootstrap), partitionMappings, timeout);
    }

    /**
     * @param bootstrap         the Kafka cluster and how to talk to it (SSL / SASL)
     * @param partitionMappings stream name to partition of {@code {ds}}
     * @param timeout           how long a metadata or offset request may take
     */
    public KafkaPacketSource(KafkaConnection bootstrap, Map<String, Integer> partitionMappings, Duration timeout) {
        this.bootstrap = bootstrap;
        this.partitionMappings = Map.copyOf(partitionMappings);
        this.timeout = timeout;
        this.layout = KafkaLayout.legacy(partitionMappings, false);
    }

    private ConsumerProperties consumer() {
        return ConsumerProperties.assignOnly(bootstrap, "view").apiTimeout(timeout).noTopicCreation();
    }

    @Override
    public List<String> dataSources() {
        try {
            TreeSet<String> names = new TreeSet<>();
            TopicPartitions.matching(consumer(), t -> layout.dataSourceOfEssentialTopic(t).isPresent(), timeout)
                    .forEach(tp -> layout.dataSourceOfEssentialTopic(tp.topic()).ifPresent(names::add));
            return List.copyOf(names);
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(String dataSource) {
        try (KafkaConsumer<String, byte[]> c = consumer().open()) {
            List<TopicPartition> partitions = TopicPartitions.matching(consumer(), t -> layout.isTopicOf(dataSource, t), timeout);
            return c.endOffsets(partitions, timeout);
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    @Override
    public Flux<LandedPacket> follow(String dataSource) {
        return reader.follow(bootstrap, dataSource, partitionMappings);
    }

    @Override
    public Flux<LandedPacket> readToEnd(String dataSource) {
        return reader.readToEnd(bootstrap, dataSource, partitionMappings);
    }

    @Override
    public String describe() {
        return "Kafka at " + bootstrap.bootstrapServers();
    }

    private ViewException unreachable(KafkaException e) {
        return ViewException.unavailable("cannot read from Kafka at " + bootstrap.bootstrapServers() + " within " + timeout.toSeconds()
                + " s: " + e.getMessage() + " (is a broker running there? 'slipstream serve' runs the embedded one; "
                + "--bootstrap names another)", e);
    }
}
