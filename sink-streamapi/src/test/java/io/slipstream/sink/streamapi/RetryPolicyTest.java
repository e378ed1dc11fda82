package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The calls' retry policy in virtual time: which failures are retried, after which delays, and how it gives up. */
class RetryPolicyTest {

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final RetryPolicy policy = new RetryPolicy(new RetrySettings(3, Duration.ofMillis(200),
            Duration.ofMillis(500)), resets::incrementAndGet);

    /** @return a call that fails with {@code status} until its attempt number {@code okAt} */
    private Mono<String> scenario(Status status, int okAt) {
        return policy.call("CreateSession on host:1", () -> attempts.incrementAndGet() < okAt
                ? Mono.error(status.withDescription("io exception").asRuntimeException())
                : Mono.just("answer " + attempts.get()));
    }

    @Test
    void anUnavailableServerIsTriedAgainAfterDoublingDelaysCappedAtTheMaximum() {
        StepVerifier.withVirtualTime(() -> scenario(Status.UNAVAILABLE, 4))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(199))
                .then(() -> assertEquals(1, attempts.get()))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertEquals(2, attempts.get()))
                .expectNoEvent(Duration.ofMillis(399))
                .thenAwait(Duration.ofMillis(1))
                .then(() -> assertEquals(3, attempts.get()))
                .expectNoEvent(Duration.ofMillis(499))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("answer 4")
                .verifyComplete();
        assertEquals(3, resets.get(), "the channels drop their own backoff before each retry");
    }

    @Test
    void aDeadlineIsTransientToo() {
        StepVerifier.withVirtualTime(() -> scenario(Status.DEADLINE_EXCEEDED, 2))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(200))
                .expectNext("answer 2")
                .verifyComplete();
    }

    @Test
    void aRefusalFailsAtOnceNamingTheCallAndTheStatus() {
        StepVerifier.withVirtualTime(() -> scenario(Status.INVALID_ARGUMENT, 2))
                .expectErrorSatisfies(e -> assertEquals(
                        "CreateSession on host:1 failed after 0 retries: INVALID_ARGUMENT io exception", e.getMessage()))
                .verify(Duration.ofSeconds(5));
        assertEquals(1, attempts.get());
        assertEquals(0, resets.get());
    }

    @Test
    void givesUpWhenTheAttemptsRunOut() {
        StepVerifier.withVirtualTime(() -> scenario(Status.UNAVAILABLE, 100))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(200 + 400 + 500))
                .expectErrorSatisfies(e -> assertEquals(
                        "CreateSession on host:1 failed after 3 retries: UNAVAILABLE io exception", e.getMessage()))
                .verify(Duration.ofSeconds(5));
        assertEquals(4, attempts.get(), "the first attempt and three retries");
    }

    @Test
    void zeroAttemptsRetriesForever() {
        RetryPolicy forever = new RetryPolicy(new RetrySettings(0, Duration.ofMillis(100), Duration.ofMillis(100)),
                () -> { });
        StepVerifier.withVirtualTime(() -> forever.call("EndSession on host:1", () ->
                        attempts.incrementAndGet() < 50
                                ? Mono.error(Status.UNAVAILABLE.asRuntimeException()) : Mono.just("ended")))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(49 * 100))
                .expectNext("ended")
                .verifyComplete();
    }
}
