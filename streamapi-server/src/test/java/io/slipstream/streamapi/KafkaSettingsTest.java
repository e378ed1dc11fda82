package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.slipstream.atlaskafka.client.KafkaSecurity;
import io.slipstream.streamapi.KafkaSettings.TopicReplication;

/** Replication of the topics the Stream API creates: min(3, brokers), min ISR one less and at least 1, or as asked. */
class KafkaSettingsTest {

    private static TopicReplication automatic(int brokers) {
        return KafkaSettings.defaults().replicationFor(brokers);
    }

    @Test
    void theDefaultFollowsTheClusterSize() {
        assertEquals(new TopicReplication(1, 1), automatic(1));
        assertEquals(new TopicReplication(2, 1), automatic(2));
        assertEquals(new TopicReplication(3, 2), automatic(3));
        assertEquals(new TopicReplication(3, 2), automatic(7));
    }

    @Test
    void explicitValuesWinAndAreCheckedAgainstTheCluster() {
        assertEquals(new TopicReplication(5, 3), new KafkaSettings(KafkaSecurity.none(), 5, 3).replicationFor(6));
        assertEquals(new TopicReplication(2, 1), new KafkaSettings(KafkaSecurity.none(), 2, 0).replicationFor(6));
        assertEquals(new TopicReplication(3, 3), new KafkaSettings(KafkaSecurity.none(), 0, 3).replicationFor(3));
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSettings(KafkaSecurity.none(), 3, 0).replicationFor(1));
        assertEquals("replication factor 3 needs 3 brokers, the cluster has 1", tooFew.getMessage());
        IllegalArgumentException isr = assertThrows(IllegalArgumentException.class,
                () -> new KafkaSettings(KafkaSecurity.none(), 0, 3).replicationFor(2));
        assertEquals("min.insync.replicas 3 is more than the replication factor 2 (2 broker(s)): no write could ever succeed",
                isr.getMessage());
        IllegalArgumentException fixed = assertThrows(IllegalArgumentException.class, () -> new KafkaSettings(KafkaSecurity.none(), 2, 3));
        assertEquals("min.insync.replicas 3 is more than the replication factor 2: no write could ever succeed", fixed.getMessage());
    }
}
