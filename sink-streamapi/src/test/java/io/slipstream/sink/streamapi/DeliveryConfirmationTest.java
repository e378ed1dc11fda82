package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Delivery confirmation and exact resume against a scripted Kafka view, in virtual time. */
class DeliveryConfirmationTest {

    private final SinkCounters counters = new SinkCounters();
    private final AtomicInteger reads = new AtomicInteger();

    /** A Kafka view that shows {@code landed.get(i)} at the i-th read (the last one from then on). */
    private LandedReader scripted(List<List<KafkaReadBack.Landed>> landed) {
        return new LandedReader() {
            @Override
            public Mono<List<KafkaReadBack.Landed>> read(String sessionKey) {
                return Mono.fromSupplier(() -> {
                    assertEquals("key-1", sessionKey);
                    return landed.get(Math.min(reads.getAndIncrement(), landed.size() - 1));
                });
            }

            @Override
            public TopicPartition partitionOf(String stream, List<KafkaReadBack.Landed> l) {
                return new TopicPartition("Slipstream", stream.isEmpty() ? 0 : 1);
            }
        };
    }

    private static List<KafkaReadBack.Landed> on(int partition, long... ids) {
        List<KafkaReadBack.Landed> out = new ArrayList<>();
        for (long id : ids) {
            out.add(new KafkaReadBack.Landed("Slipstream", partition, id, "PeriodicData"));
        }
        return out;
    }

    private static List<KafkaReadBack.Landed> both(List<KafkaReadBack.Landed> a, List<KafkaReadBack.Landed> b) {
        List<KafkaReadBack.Landed> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void readsAgainUntilTheLastPacketsLanded() {
        DeliveryConfirmation c = new DeliveryConfirmation(scripted(List.of(on(1, 1, 2), both(on(1, 1, 2, 3), on(0, 1)))),
                Duration.ofSeconds(5), counters);

        StepVerifier.withVirtualTime(() -> c.unconfirmed("key-1", Map.of(1L, 2, 2L, 1, 3L, 1)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .expectNext(List.of())
                .verifyComplete();
        assertEquals(2, reads.get());
        assertEquals(4, counters.snapshot().confirmed());
        assertEquals(0, counters.snapshot().unconfirmed());
    }

    @Test
    void afterTheTimeoutNamesEveryMissingIdAscending() {
        DeliveryConfirmation c = new DeliveryConfirmation(scripted(List.of(on(1, 2))), Duration.ofSeconds(3),
                counters);

        StepVerifier.withVirtualTime(() -> c.unconfirmed("key-1", Map.of(5L, 1, 1L, 2, 2L, 1)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(4))
                .expectNext(List.of(1L, 5L))
                .verifyComplete();
        assertEquals(12, reads.get(), "one read at once, then one every 300 ms up to the first after the 3 s");
        assertEquals(1, counters.snapshot().confirmed());
        assertEquals(3, counters.snapshot().unconfirmed());
    }

    @Test
    void withoutKafkaConfirmationIsAnErrorNamingTheOption() {
        StepVerifier.create(new DeliveryConfirmation(null, Duration.ofSeconds(1), counters)
                        .unconfirmed("key-1", Map.of(1L, 1)))
                .expectErrorMessage("delivery confirmation needs the Kafka bootstrap address (sink option 'kafka')")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theLastLandedPacketOfAStreamIsTheHighestOfItsIdsOnItsPartition() {
        DeliveryConfirmation c = new DeliveryConfirmation(scripted(List.of(both(on(1, 1, 3, 4, 9), on(0, 1, 2, 7)))),
                Duration.ofSeconds(1), counters);

        assertEquals(4L, c.lastLanded("key-1", "Stream1", new long[] {1, 3, 4, 5}).block());
        assertEquals(2L, c.lastLanded("key-1", "", new long[] {1, 2}).block());
        assertEquals(0L, c.lastLanded("key-1", "Stream1", new long[] {20}).block());
        assertEquals(-1L, new DeliveryConfirmation(null, Duration.ofSeconds(1), counters)
                .lastLanded("key-1", "Stream1", new long[] {1}).block(), "unknown without Kafka");
    }

    /** The read-back's own rule for where a stream lands, over a scripted view of the data source "Slipstream". */
    private LandedReader partitionsAsKafkaReadBack(List<KafkaReadBack.Landed> landed) {
        KafkaReadBack readBack = new KafkaReadBack("127.0.0.1:1", "Slipstream");
        return new LandedReader() {
            @Override
            public Mono<List<KafkaReadBack.Landed>> read(String sessionKey) {
                return Mono.just(landed);
            }

            @Override
            public TopicPartition partitionOf(String stream, List<KafkaReadBack.Landed> l) {
                return readBack.partitionOf(stream, l);
            }
        };
    }

    @Test
    void theDataStreamsResumePointComesFromItsOwnRecordsWhenTheMainStreamIsAhead() {
        // NewSession 1 and Configuration 2 went to both streams, blocks 3-9 to the data stream, marker 10 to both.
        // The main stream has all of its packets on Kafka; nothing of the data stream has landed yet.
        DeliveryConfirmation lagging = new DeliveryConfirmation(partitionsAsKafkaReadBack(on(0, 1, 2, 10)),
                Duration.ofSeconds(1), counters);
        long[] dataIds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

        assertEquals(0L, lagging.lastLanded("key-1", "Stream1", dataIds).block(),
                "the main stream's copies of the shared packets say nothing of the data stream: it resends them all");
        assertEquals(10L, lagging.lastLanded("key-1", "", new long[] {1, 2, 10}).block());

        // Once the data stream's partition shows its own records, only they count.
        DeliveryConfirmation behind = new DeliveryConfirmation(partitionsAsKafkaReadBack(both(on(0, 1, 2, 10), on(1, 1, 2, 3, 4))),
                Duration.ofSeconds(1), counters);
        assertEquals(4L, behind.lastLanded("key-1", "Stream1", dataIds).block());
    }

    @Test
    void aPacketKafkaRefusedWhileLaterOnesLandedIsSentAgainNotSkipped() {
        DeliveryConfirmation c = new DeliveryConfirmation(scripted(List.of(on(1, 1, 2, 5))), Duration.ofSeconds(1), counters);

        assertEquals(2L, c.lastLanded("key-1", "Stream1", new long[] {1, 2, 3, 4, 5}).block(),
                "3 and 4 are missing: the stream goes on from 3, though 5 landed");
    }
}
