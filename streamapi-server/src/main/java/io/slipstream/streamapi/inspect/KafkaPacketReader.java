package io.slipstream.streamapi.inspect;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.streaming.open_data.v1.Packet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.slipstream.streamapi.reactivekafka.ReactiveKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Reads what landed on a data source's topics: {@code {ds}} (all partitions), {@code {ds}_essential} and the
 * topic-based {@code {ds}.*}. Consumers are assigned partitions directly, never join a group, commit nothing.
 */
public final class KafkaPacketReader {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPacketReader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Map<String, Object> props(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "slipstream-inspect-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    /**
     * Reads every record from the beginning up to the end offsets at call time.
     *
     * @param bootstrap          Kafka bootstrap servers
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}} (partition-based layout); may be empty
     * @return the records, ordered by topic, partition and offset
     */
    public List<LandedPacket> readAll(String bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        StreamNames names = new StreamNames(dataSource, partitionMappings);
        List<LandedPacket> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props(bootstrap))) {
            List<TopicPartition> tps = partitions(c, dataSource);
            Map<TopicPartition, Long> ends = new HashMap<>(c.endOffsets(tps, TIMEOUT));
            ends.values().removeIf(e -> e <= 0);
            c.assign(ends.keySet());
            c.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ends.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + dataSource + " from " + bootstrap
                            + " did not reach the end offsets " + ends + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long end = ends.get(tp);
                    if (end != null && r.offset() < end) {
                        out.add(decode(r.topic(), r.partition(), r.offset(), r.key(), r.value(), names));
                    }
                }
                ends.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
            }
        }
        out.sort(Comparator.comparing(LandedPacket::topic).thenComparingInt(LandedPacket::partition)
                .thenComparingLong(LandedPacket::offset));
        LOG.debug("read {} records of data source {} from {}", out.size(), dataSource, bootstrap);
        return out;
    }

    /**
     * Follows a data source's topics live, from the beginning, through reactor-kafka. Topics are those that exist
     * when subscribed.
     *
     * @param bootstrap          Kafka bootstrap servers
     * @param dataSource         the data source
     * @param partitionMappings  stream name to partition of {@code {ds}}
     * @return the records as they arrive, until cancelled
     */
    public Flux<LandedPacket> follow(String bootstrap, String dataSource, Map<String, Integer> partitionMappings) {
        StreamNames names = new StreamNames(dataSource, partitionMappings);
        return Flux.defer(() -> {
            List<TopicPartition> tps;
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props(bootstrap))) {
                tps = partitions(c, dataSource);
            }
            if (tps.isEmpty()) {
                return Flux.error(new IllegalStateException("data source " + dataSource + " has no topics on "
                        + bootstrap));
            }
            return ReactiveKafka.connect(bootstrap).readFromBeginning(tps)
                    .map(r -> decode(r.topic(), r.partition(), r.offset(), r.key(), r.value(), names));
        });
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, String dataSource) {
        List<TopicPartition> tps = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> e : c.listTopics(TIMEOUT).entrySet()) {
            String t = e.getKey();
            if (t.equals(dataSource) || t.equals(dataSource + StreamNames.ESSENTIAL_SUFFIX)
                    || t.startsWith(dataSource + ".")) {
                e.getValue().forEach(pi -> tps.add(new TopicPartition(t, pi.partition())));
            }
        }
        return tps;
    }

    private static LandedPacket decode(String topic, int partition, long offset, String key, byte[] value,
                                       StreamNames names) {
        Packet p;
        try {
            p = Packet.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            p = null; // not a packet: the checker reports it
        }
        return new LandedPacket(topic, partition, offset, key, p, names.streamOf(topic, partition), value);
    }
}
