package io.slipstream.testkit;

import io.slipstream.spi.RealTimePacer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class RealTimePacerTest {

    private static final long MS = 1_000_000L;

    /** Items due at 0, 100, 100 and 250 ms after the test epoch, then one already overdue. */
    private Flux<Long> scenario(RecordingSourceContext<VirtualTimeScheduler> ctx) {
        long t0 = RecordingSourceContext.TEST_EPOCH;
        return RealTimePacer.pace(Flux.just(t0, t0 + 100 * MS, t0 + 100 * MS, t0 + 250 * MS, t0 + 50 * MS),
                due -> due, ctx);
    }

    @Test
    void eachItemWaitsForItsDueTimeOnTheContextsScheduler() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        RecordingSourceContext<VirtualTimeScheduler> ctx = new RecordingSourceContext<>(vts, RecordingSourceContext.TEST_EPOCH);
        long t0 = RecordingSourceContext.TEST_EPOCH;
        StepVerifier.withVirtualTime(() -> scenario(ctx), ctx::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .expectNext(t0)
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(t0 + 100 * MS, t0 + 100 * MS)
                .expectNoEvent(Duration.ofMillis(149))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(t0 + 250 * MS, t0 + 50 * MS)
                .verifyComplete();
    }

    @Test
    void demandIsRespected() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        RecordingSourceContext<VirtualTimeScheduler> ctx = new RecordingSourceContext<>(vts, RecordingSourceContext.TEST_EPOCH);
        long t0 = RecordingSourceContext.TEST_EPOCH;
        StepVerifier.withVirtualTime(() -> scenario(ctx), ctx::scheduler, 0)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenRequest(1)
                .expectNext(t0)
                .thenRequest(4)
                .expectNext(t0 + 100 * MS, t0 + 100 * MS, t0 + 250 * MS, t0 + 50 * MS)
                .verifyComplete();
    }
}
