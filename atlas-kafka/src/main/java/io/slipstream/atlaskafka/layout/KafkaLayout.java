package io.slipstream.atlaskafka.layout;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

/**
 * Where the ATLAS data of a data source sits on Kafka: which topic and partition each stream is, where the
 * essentials and the session records go, and how many partitions the server declares. Pure naming, no I/O.
 * Everything that names a topic asks a layout; today's one is {@link LegacyLayout} (Stream API v1.3), and the
 * 2026 layout ({@code Data.{ds}}, {@code Essential.{ds}}, {@code Sys.SessionInfo}, a Domain prefix) is meant to
 * become a second implementation beside it.
 */
public sealed interface KafkaLayout permits LegacyLayout {

    /** The main stream's name. */
    String MAIN_STREAM = "";

    /**
     * @param partitionMappings stream name to partition of the main topic (partition-based mode)
     * @param topicBased        {@code true} for one topic per stream
     * @return the official v1.3 layout
     */
    static KafkaLayout legacy(Map<String, Integer> partitionMappings, boolean topicBased) {
        return new LegacyLayout(partitionMappings, topicBased);
    }

    /** @return {@code true} when every stream has its own topic, {@code false} for mapped partitions */
    boolean topicBased();

    /** @return the topic of the session records (NewSession, SessionInfo, EndOfSession) and of info packets */
    String sessionInfoTopic();

    /** @param dataSource a data source @return its main topic (main stream on partition 0) */
    String mainTopic(String dataSource);

    /** @param dataSource a data source @return its essentials topic */
    String essentialTopic(String dataSource);

    /** @param dataSource a data source @param stream a non-empty stream name @return the topic-based stream topic */
    String streamTopic(String dataSource, String stream);

    /**
     * @param topic a topic name
     * @return the data source whose essentials topic this is, if it is one
     */
    Optional<String> dataSourceOfEssentialTopic(String topic);

    /**
     * @param dataSource a data source
     * @param topic      a topic name
     * @return the stream whose own topic (topic-based mode) this is, if it is one of the data source's
     */
    Optional<String> streamOfTopic(String dataSource, String topic);

    /**
     * @param dataSource a data source
     * @param topic      a topic name
     * @return whether the topic carries the data source's packets: its main topic or one of its stream topics
     */
    default boolean isDataTopic(String dataSource, String topic) {
        return topic.equals(mainTopic(dataSource)) || streamOfTopic(dataSource, topic).isPresent();
    }

    /**
     * @param dataSource a data source
     * @param topic      a topic name
     * @return whether the topic is one of the data source's: a data topic or its essentials topic
     */
    default boolean isTopicOf(String dataSource, String topic) {
        return isDataTopic(dataSource, topic) || topic.equals(essentialTopic(dataSource));
    }

    /** @param dataSource a data source @return the one partition of its essentials topic */
    TopicPartition essentials(String dataSource);

    /**
     * @param dataSource the data source
     * @param stream     the stream, "" for main
     * @return the topic and partition a data packet of that stream goes to
     */
    TopicPartition route(String dataSource, String stream);

    /** @param stream a stream name @return whether partition-based mode gives it its own partition */
    boolean isMapped(String stream);

    /** @return the mapped stream names, ordered by partition */
    List<String> mappedStreams();

    /** @return the stream name to partition mapping */
    Map<String, Integer> partitionMappings();

    /**
     * @param partition a partition of a main topic
     * @return the stream that partition carries in partition-based mode ("" for 0 and for unmapped ones)
     */
    String streamOfPartition(int partition);

    /** @return the partition count the server declares for a main topic */
    int mainPartitions();

    /**
     * @param dataSource a data source
     * @return the topics the server creates for it when first used, with their partition counts
     */
    Map<String, Integer> topicsOf(String dataSource);
}
