package io.slipstream.streamapi.kafka;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The streams and offsets a data source reports to clients (spec §2.7, §3.5): the
 * {@code "{topic}:{partition}"} high-watermark map of NewSession, EndOfSession and GetSessionInfo,
 * and the stream list of GetSessionInfo.
 */
public final class StreamCatalog {

    private final KafkaLayout layout;
    private final KafkaAdmin admin;

    /** @param layout the layout @param admin offset and topic queries */
    public StreamCatalog(KafkaLayout layout, KafkaAdmin admin) {
        this.layout = layout;
        this.admin = admin;
    }

    /**
     * @param dataSource a data source
     * @return the current high watermarks keyed {@code "{topic}:{partition}"}: main partition 0, the
     * essentials partition, and each mapped partition (partition-based) or each existing stream topic
     * (topic-based)
     */
    public Map<String, Long> currentOffsets(String dataSource) {
        List<TopicPartition> partitions = new ArrayList<>();
        partitions.add(new TopicPartition(layout.mainTopic(dataSource), 0));
        partitions.add(layout.essentials(dataSource));
        if (layout.topicBased()) {
            streamTopics(dataSource).forEach(topic -> partitions.add(new TopicPartition(topic, 0)));
        } else {
            layout.mappedStreams().forEach(s -> partitions.add(layout.route(dataSource, s)));
        }
        Map<TopicPartition, Long> ends = admin.endOffsets(partitions);
        Map<String, Long> offsets = new LinkedHashMap<>();
        partitions.forEach(tp -> offsets.put(key(tp.topic(), tp.partition()), ends.getOrDefault(tp, 0L)));
        return offsets;
    }

    /**
     * The offsets GetSessionInfo answers with: {@code offsets} plus, in the partition-based layout, a
     * {@code "{ds}.{stream}:0"} key per mapped stream holding its partition's offset. The official readers (Python
     * and C#) look up only that topic-based key and fall back to 0, so against the official server they read every
     * mapped partition from its beginning; spec §11 asks for the keys in both layouts. The NewSession and
     * EndOfSession records keep the official keys only.
     *
     * @param dataSource the session's data source
     * @param offsets    its offsets keyed {@code "{topic}:{partition}"}
     * @return the same map with the readers' keys added
     */
    public Map<String, Long> withReaderKeys(String dataSource, Map<String, Long> offsets) {
        if (layout.topicBased()) {
            return offsets;
        }
        Map<String, Long> out = new LinkedHashMap<>(offsets);
        for (String stream : layout.mappedStreams()) {
            TopicPartition tp = layout.route(dataSource, stream);
            Long offset = offsets.get(key(tp.topic(), tp.partition()));
            if (offset != null) {
                out.putIfAbsent(key(layout.streamTopic(dataSource, stream), 0), offset);
            }
        }
        return out;
    }

    /**
     * @param dataSource a data source whose topics exist
     * @return the partitions its streams write packets to: main partition 0 and each mapped partition that exists
     * (partition-based), or each stream topic that exists now (topic-based); each once
     */
    public List<TopicPartition> dataPartitions(String dataSource) {
        List<TopicPartition> out = new ArrayList<>();
        out.add(new TopicPartition(layout.mainTopic(dataSource), 0));
        if (layout.topicBased()) {
            streamTopics(dataSource).forEach(topic -> out.add(new TopicPartition(topic, 0)));
        } else {
            int partitions = admin.knownPartitions(layout.mainTopic(dataSource)).orElse(1);
            layout.mappedStreams().stream().map(s -> layout.route(dataSource, s))
                    .filter(tp -> tp.partition() < partitions && !out.contains(tp))
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * @param offsets offsets keyed {@code "{topic}:{partition}"}, as a NewSession record carries them
     * @param tp      a partition
     * @return its offset, 0 when the map has none (a topic created after the offsets were taken)
     */
    public static long offsetOf(Map<String, Long> offsets, TopicPartition tp) {
        return offsets.getOrDefault(key(tp.topic(), tp.partition()), 0L);
    }

    /**
     * @param dataSource a data source
     * @return every mapped stream name (partition-based), or the streams that have a topic now (topic-based)
     */
    public List<String> streams(String dataSource) {
        if (!layout.topicBased()) {
            return layout.mappedStreams();
        }
        return streamTopics(dataSource).stream().map(t -> layout.streamOfTopic(dataSource, t).orElseThrow()).toList();
    }

    // The official server matches the unescaped data source case-insensitively (so "Default" also
    // sees "DefaultX.S"); Kafka names are case-sensitive, so this matches the exact, quoted prefix.
    private List<String> streamTopics(String dataSource) {
        return admin.listTopics().stream()
                .filter(t -> layout.streamOfTopic(dataSource, t).filter(s -> !s.contains(".")).isPresent())
                .sorted().toList();
    }

    /**
     * @param dataSource a data source
     * @param offsets    offsets keyed {@code "{topic}:{partition}"}, as a NewSession record carries them
     * @return the offset of the main stream's partition, 0 when the map has none
     */
    public long mainOffset(String dataSource, Map<String, Long> offsets) {
        return offsets.getOrDefault(key(layout.mainTopic(dataSource), 0), 0L);
    }

    /**
     * @param dataSource a data source
     * @param offsets    offsets keyed {@code "{topic}:{partition}"}, as a NewSession record carries them
     * @return the offset of the essentials partition, 0 when the map has none
     */
    public long essentialsOffset(String dataSource, Map<String, Long> offsets) {
        TopicPartition tp = layout.essentials(dataSource);
        return offsets.getOrDefault(key(tp.topic(), tp.partition()), 0L);
    }

    /** @return the offsets map's key of a partition, {@code "{topic}:{partition}"} (spec §2.7) */
    private static String key(String topic, int partition) {
        return topic + ":" + partition;
    }
}
