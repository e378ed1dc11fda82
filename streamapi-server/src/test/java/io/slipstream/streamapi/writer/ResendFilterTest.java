package io.slipstream.streamapi.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.slipstream.atlaskafka.layout.KafkaLayout;

/** Which packets the server takes for resends of what an open session already wrote, and which it never does. */
class ResendFilterTest {

    private static final TopicPartition MAIN = new TopicPartition("Slipstream", 0);
    private static final TopicPartition STREAM1 = new TopicPartition("Slipstream", 1);

    private final ResendFilter filter = new ResendFilter(KafkaLayout.legacy(Map.of("Stream1", 1, "Stream2", 2), false));

    @Test
    void anIdNotAboveTheHighestWrittenToItsPartitionIsAResendAndCounted() {
        filter.track("key-1");
        assertTrue(filter.admit("key-1", STREAM1, 1));
        assertTrue(filter.admit("key-1", STREAM1, 3));
        assertFalse(filter.admit("key-1", STREAM1, 2));
        assertFalse(filter.admit("key-1", STREAM1, 3));
        assertTrue(filter.admit("key-1", MAIN, 2), "each partition has its own mark");
        assertTrue(filter.admit("key-1", STREAM1, 4));
        assertEquals(2, filter.dropped());
    }

    @Test
    void aFailedWriteIsTakenAgainAndSoIsWhatCameAfterIt() {
        filter.track("key-1");
        for (long id = 1; id <= 5; id++) {
            assertTrue(filter.admit("key-1", STREAM1, id));
        }
        filter.failed("key-1", STREAM1, 3);
        assertFalse(filter.admit("key-1", STREAM1, 2));
        assertTrue(filter.admit("key-1", STREAM1, 3));
        assertTrue(filter.admit("key-1", STREAM1, 4));
        assertTrue(filter.admit("key-1", STREAM1, 5));
        assertEquals(1, filter.dropped());
    }

    @Test
    void marksRebuiltFromKafkaFilterTheFirstResendsAfterARestart() {
        filter.track("key-1");
        filter.landed("key-1", STREAM1, 7);
        filter.landed("key-1", STREAM1, 4);
        assertFalse(filter.admit("key-1", STREAM1, 7));
        assertTrue(filter.admit("key-1", STREAM1, 8));
    }

    @Test
    void packetsWithoutIdUnknownSessionsEndedSessionsAndSharedPartitionsAreNeverFiltered() {
        filter.track("key-1");
        assertTrue(filter.admit("key-1", STREAM1, 0));
        assertTrue(filter.admit("key-1", STREAM1, 0));
        assertTrue(filter.admit("unknown", STREAM1, 5));
        assertTrue(filter.admit("unknown", STREAM1, 5));
        assertTrue(filter.admit("key-1", STREAM1, 5));
        filter.forget("key-1");
        assertTrue(filter.admit("key-1", STREAM1, 5));

        ResendFilter shared = new ResendFilter(KafkaLayout.legacy(Map.of("Stream1", 1, "Stream2", 1), false));
        shared.track("key-2");
        assertTrue(shared.admit("key-2", STREAM1, 5));
        assertTrue(shared.admit("key-2", STREAM1, 5), "Stream1 and Stream2 both write partition 1: ids interleave");
        assertTrue(shared.admit("key-2", MAIN, 5));
        assertFalse(shared.admit("key-2", MAIN, 5), "partition 0 has the main stream only");
        assertEquals(0, filter.dropped());
    }
}
