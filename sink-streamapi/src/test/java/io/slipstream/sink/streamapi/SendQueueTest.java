package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-stream queue and resend buffer: bounds, batches, and what a reconnect puts back. */
class SendQueueTest {

    /** @return packet {@code id} of {@code size} bytes whose first byte is its id, with 10 samples */
    private static OutboundPacket packet(long id, int size) {
        byte[] details = new byte[size];
        details[0] = (byte) id;
        return new OutboundPacket(id, "PeriodicData", details, 10);
    }

    private static List<Long> ids(SendQueue.Taken t) {
        List<Long> out = new ArrayList<>();
        t.batch().details().forEach(d -> out.add((long) d[0]));
        return out;
    }

    @Test
    void holdsAtMostItsCapacityInPackets() {
        SendQueue q = new SendQueue(3, 1 << 20);
        for (long id = 1; id <= 3; id++) {
            assertTrue(q.hasRoom(packet(id, 10)));
            q.add(packet(id, 10));
        }
        assertFalse(q.hasRoom(packet(4, 10)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.add(packet(4, 10)));
        assertEquals("send queue full at 3 packets, 30 bytes; packet 4 of 10 bytes must wait for room",
                e.getMessage());
        q.take(1, 1000);
        assertTrue(q.hasRoom(packet(4, 10)));
    }

    @Test
    void takesInOrderUpToTheRequestLimitsButAlwaysOnePacket() {
        SendQueue q = new SendQueue(10, 1 << 20);
        q.add(packet(1, 100));
        q.add(packet(2, 100));
        q.add(packet(3, 100));
        q.add(packet(4, 500));
        q.add(packet(5, 10));

        SendQueue.Taken first = q.take(2, 1000);
        assertEquals(List.of(1L, 2L), ids(first));
        assertEquals(200, first.bytes());
        assertEquals(20, first.samples());
        assertEquals(List.of(3L), ids(q.take(10, 300)), "packet 4 would pass 300 bytes");
        assertEquals(List.of(4L), ids(q.take(10, 300)), "a packet bigger than the limit goes alone");
        assertEquals(List.of(5L), ids(q.take(10, 300)));
        assertNull(q.take(10, 300));
        assertTrue(q.isEmpty());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, q.ids());
    }

    @Test
    void withoutKafkaAReconnectPutsTheWholeResendBufferBackInFrontInOrder() {
        SendQueue q = new SendQueue(10, 1 << 20);
        for (long id = 1; id <= 4; id++) {
            q.add(packet(id, 10));
        }
        q.take(3, 1000);
        SendQueue.Requeued r = q.requeue(-1);
        assertEquals(new SendQueue.Requeued(3, 0, 0, 0), r);
        SendQueue.Taken again = q.take(10, 1000);
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(again));
        assertEquals(10, again.samples(), "samples of a resent block are not counted twice");
        assertEquals(new SendQueue.Requeued(0, 0, 0, 0), new SendQueue(1, 1).requeue(-1));
    }

    @Test
    void withKafkaOnlyWhatDidNotLandGoesAgain() {
        SendQueue q = new SendQueue(10, 1 << 20);
        for (long id = 1; id <= 5; id++) {
            q.add(packet(id, 10));
        }
        q.take(4, 1000);
        assertEquals(new SendQueue.Requeued(2, 0, 0, 0), q.requeue(2));
        assertEquals(List.of(3L, 4L, 5L), ids(q.take(10, 1000)));
    }

    @Test
    void theResendBufferKeepsTheNewestWithinItsBytesAndCountsWhatItLost() {
        SendQueue q = new SendQueue(10, 250, 1 << 20);
        for (long id = 1; id <= 5; id++) {
            q.add(packet(id, 100));
        }
        q.take(5, 1000);
        // 500 bytes taken, 250 kept: packets 4 and 5; 2 and 3 left the buffer although Kafka only shows 1
        assertEquals(new SendQueue.Requeued(2, 2, 200, 20), q.requeue(1));
        assertEquals(List.of(4L, 5L), ids(q.take(10, 1000)));
    }

    @Test
    void theResendBufferKeepsAtMostItsCapacityInPacketsAndAlwaysTheLastPacket() {
        SendQueue byCount = new SendQueue(2, 1 << 20);
        for (long id = 1; id <= 2; id++) {
            byCount.add(packet(id, 10));
        }
        byCount.take(2, 1000);
        byCount.add(packet(3, 10));
        byCount.take(1, 1000);
        assertEquals(new SendQueue.Requeued(2, 1, 10, 10), byCount.requeue(0));

        SendQueue tiny = new SendQueue(10, 5);
        tiny.add(packet(1, 100));
        tiny.take(1, 1000);
        assertEquals(new SendQueue.Requeued(1, 0, 0, 0), tiny.requeue(0));
    }

    @Test
    void holdsAtMostItsBoundInBytesButAlwaysTakesOnePacketWhenEmpty() {
        SendQueue q = new SendQueue(100, 1 << 20, 1_000);
        q.add(packet(1, 400));
        q.add(packet(2, 400));
        assertTrue(q.hasRoom(packet(3, 200)), "800 + 200 is the bound exactly");
        assertFalse(q.hasRoom(packet(3, 201)));
        assertThrows(IllegalStateException.class, () -> q.add(packet(3, 201)));
        q.take(2, 10_000);
        assertTrue(q.hasRoom(packet(3, 5_000)), "an empty queue takes a packet larger than its bound");
        q.add(packet(3, 5_000));
        assertFalse(q.hasRoom(packet(4, 1)));
    }

    @Test
    void theQueuedAndRetainedBytesReachTheCountersExactlyThroughEveryStep() {
        SinkCounters counters = new SinkCounters();
        SendQueue q = new SendQueue(10, 250, 1_000);
        q.countTo(counters);
        for (long id = 1; id <= 5; id++) {
            q.add(packet(id, 100));
        }
        assertEquals(500, counters.snapshot().queuedBytes());
        assertEquals(0, counters.snapshot().retainedBytes());

        q.take(3, 1_000);
        // 300 sent; the resend buffer keeps 250 bytes at most, so the newest two of 100
        assertEquals(200, counters.snapshot().queuedBytes());
        assertEquals(200, counters.snapshot().retainedBytes());
        assertEquals(q.pendingBytes(), counters.snapshot().queuedBytes());
        assertEquals(q.retainedBytes(), counters.snapshot().retainedBytes());

        SendQueue.Requeued r = q.requeue(0);
        // Kafka shows id 0 as the last landed: 2 and 3 go again, 1 left the buffer and is lost with its bytes
        assertEquals(new SendQueue.Requeued(2, 1, 100, 10), r);
        assertEquals(400, counters.snapshot().queuedBytes());
        assertEquals(0, counters.snapshot().retainedBytes());
        assertEquals(400, counters.snapshot().bufferedBytes());

        q.clear();
        assertEquals(0, counters.snapshot().bufferedBytes());
    }
}
