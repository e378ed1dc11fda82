package io.slipstream.atlaskafka.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaLayoutTest {

    private static Map<String, Integer> mappings() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("Stream2", 2);
        m.put("Stream1", 1);
        return m;
    }

    @Test
    void partitionBasedPutsMappedStreamsOnTheirPartitionAndTheRestOnZero() {
        KafkaLayout layout = KafkaLayout.legacy(mappings(), false);
        assertEquals(new TopicPartition("Default", 0), layout.route("Default", ""));
        assertEquals(new TopicPartition("Default", 1), layout.route("Default", "Stream1"));
        assertEquals(new TopicPartition("Default", 2), layout.route("Default", "Stream2"));
        assertEquals(new TopicPartition("Default", 0), layout.route("Default", "Unmapped"));
        assertEquals(3, layout.mainPartitions());
        assertEquals(List.of("Stream1", "Stream2"), layout.mappedStreams());
        assertEquals(Map.of("Default", 3, "Default_essential", 1), layout.topicsOf("Default"));
        assertEquals("Stream2", layout.streamOfPartition(2));
        assertEquals("", layout.streamOfPartition(0));
    }

    @Test
    void topicBasedPutsEachStreamOnItsOwnTopic() {
        KafkaLayout layout = KafkaLayout.legacy(mappings(), true);
        assertEquals(new TopicPartition("Default", 0), layout.route("Default", ""));
        assertEquals(new TopicPartition("Default.Stream1", 0), layout.route("Default", "Stream1"));
        assertEquals(new TopicPartition("Default.Other", 0), layout.route("Default", "Other"));
        assertEquals(1, layout.mainPartitions());
        assertEquals(new TopicPartition("Default_essential", 0), layout.essentials("Default"));
    }

    @Test
    void noMappingsMeansOnePartitionAndEssentialTopicsNameTheirDataSource() {
        KafkaLayout layout = KafkaLayout.legacy(Map.of(), false);
        assertEquals(1, layout.mainPartitions());
        assertEquals(Optional.of("Car_A"), layout.dataSourceOfEssentialTopic("Car_A_essential"));
        assertEquals(Optional.empty(), layout.dataSourceOfEssentialTopic("_essential"));
        assertEquals(Optional.empty(), layout.dataSourceOfEssentialTopic("SessionInfo"));
    }
}
