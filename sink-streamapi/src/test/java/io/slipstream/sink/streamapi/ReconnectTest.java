package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A lost stream's way back: the state it shows, when it asks Kafka, and how it gives up. */
class ReconnectTest {

    private final SinkCounters counters = new SinkCounters();
    private final AtomicInteger reads = new AtomicInteger();

    /** Calls of which only {@code reachable} is used: it answers with {@code answer}. */
    private static SessionCalls reachable(Mono<Void> answer) {
        return new SessionCalls() {
            @Override
            public Mono<CreateSessionResponse> createSession(CreateSessionRequest request) {
                throw new AssertionError("not part of a reconnect");
            }

            @Override
            public Mono<String> configId() {
                throw new AssertionError("not part of a reconnect");
            }

            @Override
            public Mono<Long> dataFormatId(List<String> parameters) {
                throw new AssertionError("not part of a reconnect");
            }

            @Override
            public Mono<Long> eventDataFormatId(String event) {
                throw new AssertionError("not part of a reconnect");
            }

            @Override
            public Mono<Boolean> updateDetails(String sessionKey, Map<String, String> details) {
                throw new AssertionError("not part of a reconnect");
            }

            @Override
            public Mono<Boolean> endSession(String sessionKey) {
                throw new AssertionError("not part of a reconnect");
            }

            @Override
            public Mono<Void> reachable() {
                return answer;
            }
        };
    }

    private DeliveryConfirmation kafkaShowing(long... ids) {
        LandedReader reader = new LandedReader() {
            @Override
            public Mono<List<KafkaReadBack.Landed>> read(String sessionKey) {
                return Mono.fromSupplier(() -> {
                    reads.incrementAndGet();
                    return Arrays.stream(ids)
                            .mapToObj(id -> new KafkaReadBack.Landed("Slipstream", 1, id, "PeriodicData")).toList();
                });
            }

            @Override
            public TopicPartition partitionOf(String stream, List<KafkaReadBack.Landed> landed) {
                return new TopicPartition("Slipstream", 1);
            }
        };
        return new DeliveryConfirmation(reader, Duration.ofSeconds(1), counters);
    }

    @Test
    void asksKafkaOnlyOnceTheServerAnswersAgain() {
        Reconnect r = new Reconnect("key-1", reachable(Mono.delay(Duration.ofSeconds(2)).then()), kafkaShowing(1, 2, 3),
                counters);

        StepVerifier.withVirtualTime(() -> r.afterLoss("Stream1", new long[] {1, 2, 3, 4},
                        Status.UNAVAILABLE.asRuntimeException()))
                .expectSubscription()
                .then(() -> assertEquals(ConnectionState.RECONNECTING, counters.state()))
                .expectNoEvent(Duration.ofSeconds(2))
                .expectNext(3L)
                .verifyComplete();
        assertEquals(1, reads.get());

        r.resumed("Stream1", 1, 3);
        assertEquals(ConnectionState.CONNECTED, counters.state());
        assertEquals(1, counters.snapshot().reconnects());
    }

    @Test
    void aServerThatStaysAwayFailsTheStream() {
        Reconnect r = new Reconnect("key-1", reachable(Mono.error(new IllegalStateException(
                "reconnect to host:1 failed after 20 retries: UNAVAILABLE"))), kafkaShowing(1), counters);

        StepVerifier.create(r.afterLoss("Stream1", new long[] {1}, Status.UNAVAILABLE.asRuntimeException()))
                .expectErrorMessage("reconnect to host:1 failed after 20 retries: UNAVAILABLE")
                .verify(Duration.ofSeconds(5));
        assertEquals(ConnectionState.FAILED, counters.state());
        assertEquals(0, reads.get(), "Kafka is not read for a stream that cannot go on");
    }
}
