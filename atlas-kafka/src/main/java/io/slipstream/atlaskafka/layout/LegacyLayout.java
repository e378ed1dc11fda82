package io.slipstream.atlaskafka.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

/**
 * Where the official Stream API v1.3 puts things on Kafka (spec §2.1–§2.3): the topic and partition of
 * each stream of a data source, the essentials topic, the session-info topic, and the partition counts
 * the server declares. Pure naming, no I/O.
 */
public final class LegacyLayout implements KafkaLayout {

    /** Topic of the session records (NewSession, SessionInfo, EndOfSession) and of info packets. */
    public static final String SESSION_INFO_TOPIC = "SessionInfo";
    /** Suffix of the essentials topic of a data source. */
    public static final String ESSENTIAL_SUFFIX = "_essential";

    private final Map<String, Integer> partitionMappings;
    private final Map<Integer, String> streamByPartition;
    private final boolean topicBased;

    /**
     * @param partitionMappings stream name to partition of {@code {dataSource}} (partition-based mode)
     * @param topicBased        {@code true} for one topic per stream ({@code {dataSource}.S})
     */
    public LegacyLayout(Map<String, Integer> partitionMappings, boolean topicBased) {
        this.partitionMappings = Collections.unmodifiableMap(new LinkedHashMap<>(partitionMappings));
        Map<Integer, String> reverse = new LinkedHashMap<>();
        partitionMappings.forEach((stream, partition) -> reverse.putIfAbsent(partition, stream));
        this.streamByPartition = Collections.unmodifiableMap(reverse);
        this.topicBased = topicBased;
    }

    /** @return {@code true} in topic-based mode */
    @Override
    public boolean topicBased() {
        return topicBased;
    }

    /** @param dataSource a data source @return its main topic, {@code {dataSource}} */
    @Override
    public String sessionInfoTopic() {
        return SESSION_INFO_TOPIC;
    }

    @Override
    public String mainTopic(String dataSource) {
        return dataSource;
    }

    /** @param dataSource a data source @return its essentials topic, {@code {dataSource}_essential} */
    @Override
    public String essentialTopic(String dataSource) {
        return dataSource + ESSENTIAL_SUFFIX;
    }

    /** @param dataSource a data source @param stream a non-empty stream name @return the topic-based stream topic */
    @Override
    public String streamTopic(String dataSource, String stream) {
        return dataSource + "." + stream;
    }

    /**
     * @param topic a topic name
     * @return the data source whose essentials topic this is, if it is one
     */
    @Override
    public Optional<String> dataSourceOfEssentialTopic(String topic) {
        if (topic.endsWith(ESSENTIAL_SUFFIX) && topic.length() > ESSENTIAL_SUFFIX.length()) {
            return Optional.of(topic.substring(0, topic.length() - ESSENTIAL_SUFFIX.length()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> streamOfTopic(String dataSource, String topic) {
        String prefix = dataSource + ".";
        if (topic.startsWith(prefix) && topic.length() > prefix.length()) {
            return Optional.of(topic.substring(prefix.length()));
        }
        return Optional.empty();
    }

    /** @param dataSource a data source @return partition 0 of its essentials topic */
    @Override
    public TopicPartition essentials(String dataSource) {
        return new TopicPartition(essentialTopic(dataSource), 0);
    }

    /**
     * Where a data packet of {@code stream} goes (spec §2.2). In partition-based mode an unmapped
     * stream falls back to the main partition 0, as the official server does.
     *
     * @param dataSource the data source
     * @param stream     the stream, "" for main
     * @return the topic and partition
     */
    @Override
    public TopicPartition route(String dataSource, String stream) {
        if (stream.isEmpty()) {
            return new TopicPartition(mainTopic(dataSource), 0);
        }
        if (topicBased) {
            return new TopicPartition(streamTopic(dataSource, stream), 0);
        }
        return new TopicPartition(mainTopic(dataSource), partitionMappings.getOrDefault(stream, 0));
    }

    /** @param stream a stream name @return whether partition-based mode gives it its own partition */
    @Override
    public boolean isMapped(String stream) {
        return partitionMappings.containsKey(stream);
    }

    /** @return the mapped stream names, ordered by partition */
    @Override
    public List<String> mappedStreams() {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(partitionMappings.entrySet());
        entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    /** @return the stream name to partition mapping */
    @Override
    public Map<String, Integer> partitionMappings() {
        return partitionMappings;
    }

    /**
     * @param partition a partition of a main topic
     * @return the stream that partition carries in partition-based mode ("" for 0 and for unmapped ones)
     */
    @Override
    public String streamOfPartition(int partition) {
        return streamByPartition.getOrDefault(partition, MAIN_STREAM);
    }

    /**
     * @return the partition count the server declares for a main topic: one more than the highest
     * mapped partition in partition-based mode, else 1
     */
    @Override
    public int mainPartitions() {
        if (topicBased) {
            return 1;
        }
        return partitionMappings.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    /**
     * @param dataSource a data source
     * @return the topics the server creates for it when first used, with their partition counts
     */
    @Override
    public Map<String, Integer> topicsOf(String dataSource) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(mainTopic(dataSource), mainPartitions());
        topics.put(essentialTopic(dataSource), 1);
        return topics;
    }
}
