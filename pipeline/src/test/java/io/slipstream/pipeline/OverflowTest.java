package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.assertBalanced;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.paced;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Each overflow policy under zero and low downstream demand; the counters add up; cancellation. */
class OverflowTest {

    private static final ChannelDefinition A = channel("A:Live", 1000);
    private static final int SAMPLES = 3000;
    private static final int BUFFER = 64;

    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private final List<PipelineEvent> events = new ArrayList<>();

    private Flux<PipelineEvent> scenario(TelemetrySource source, OverflowPolicy policy) {
        PipelineSettings s = new PipelineSettings(
                new BlockSettings(10, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT),
                new MarkerSettings(false, List.of()), new OverflowSettings(policy, BUFFER));
        Pipeline p = virtualPipeline(source, s);
        pipeline.set(p);
        return p.events().doOnNext(events::add);
    }

    private CountersSnapshot counters() {
        return pipeline.get().counters().snapshot();
    }

    private List<Double> emittedValues() {
        List<Double> out = new ArrayList<>();
        for (Block b : blocks(events)) {
            for (int i = 0; i < b.length(); i++) {
                out.add(b.values(0)[i]);
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
    void zeroDemandDropsAndTheCountersAddUp(OverflowPolicy policy) {
        StepVerifier.withVirtualTime(() -> scenario(paced(List.of(A), Duration.ofMillis(1), SAMPLES), policy), 0)
                .thenAwait(Duration.ofSeconds(4))
                .then(() -> {
                    assertEquals(BUFFER, counters().bufferFill(), "the buffer is full while nobody asks");
                    assertTrue(events.isEmpty());
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(e -> true)
                .verifyComplete();

        CountersSnapshot c = counters();
        assertEquals(SAMPLES, c.received());
        String reason = policy == OverflowPolicy.DROP_OLDEST ? "overflow-oldest" : "overflow-newest";
        assertTrue(c.dropped().getOrDefault(reason, 0L) > SAMPLES / 2, "most were dropped: " + c);
        assertEquals(c.dropped().keySet(), java.util.Set.of(reason));
        assertBalanced(c);
        assertEquals(c.emitted(), emittedValues().size());
        boolean newestKept = emittedValues().contains((double) (SAMPLES - 1));
        assertEquals(policy == OverflowPolicy.DROP_OLDEST, newestKept, "which end of the stream survives");
    }

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
    void lowDemandDropsSomeAndTheCountersAddUp(OverflowPolicy policy) {
        StepVerifier.Step<PipelineEvent> step = StepVerifier.withVirtualTime(
                () -> scenario(paced(List.of(A), Duration.ofMillis(1), SAMPLES), policy), 0);
        for (int i = 0; i < 30; i++) {
            step = step.thenRequest(1).thenAwait(Duration.ofMillis(100));
        }
        step.thenRequest(Long.MAX_VALUE).thenConsumeWhile(e -> true).verifyComplete();

        CountersSnapshot c = counters();
        assertEquals(SAMPLES, c.received());
        assertTrue(c.droppedTotal() > 0 && c.droppedTotal() < SAMPLES, "some, not all, dropped: " + c);
        assertBalanced(c);
    }

    @Test
    void failStopsWithAClearErrorAfterSendingWhatWasAssembled() {
        StepVerifier.withVirtualTime(() -> scenario(paced(List.of(A), Duration.ofMillis(1), SAMPLES),
                        OverflowPolicy.FAIL), 0)
                .thenAwait(Duration.ofSeconds(4))
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(e -> true)
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof BufferOverflowException, e.toString());
                    assertTrue(e.getMessage().contains("64 samples"), e.getMessage());
                })
                .verify();

        CountersSnapshot c = counters();
        assertEquals(1L, c.dropped().get("overflow-fail"));
        assertTrue(c.emitted() > 0, "what was assembled before the overflow was sent");
        assertBalanced(c);
    }

    @Test
    void blockAsksTheSourceOnlyForWhatDownstreamTakesAndDropsNothing() {
        AtomicLong requested = new AtomicLong();
        TelemetrySource demandDriven = ctx -> {
            ctx.declareChannels(List.of(A));
            return Flux.range(0, SAMPLES).map(i -> SampleValue.of(A, i * 1_000_000L, i))
                    .doOnRequest(n -> requested.addAndGet(Math.min(n, SAMPLES)));
        };
        StepVerifier.withVirtualTime(() -> scenario(demandDriven, OverflowPolicy.BLOCK), 0)
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertTrue(requested.get() < 1000, "bounded prefetch only: " + requested.get()))
                .thenRequest(2)
                .expectNextCount(2)
                .then(() -> assertTrue(requested.get() < 1000, "still bounded: " + requested.get()))
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(e -> true)
                .verifyComplete();

        CountersSnapshot c = counters();
        assertEquals(SAMPLES, c.emitted());
        assertEquals(0, c.droppedTotal());
        assertEquals(SAMPLES / 10, c.blocks());
    }

    @Test
    void blockWithASourceThatIgnoresDemandFailsWithAClearError() {
        TelemetrySource ignoresDemand = ctx -> {
            ctx.declareChannels(List.of(A));
            return Flux.interval(Duration.ofMillis(1), ctx.scheduler()).take(SAMPLES)
                    .map(i -> SampleValue.of(A, ctx.nowNanos(), i));
        };
        StepVerifier.withVirtualTime(() -> scenario(ignoresDemand, OverflowPolicy.BLOCK), 0)
                .thenAwait(Duration.ofSeconds(1))
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(e -> true)
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().contains("drop-oldest"), e.getMessage()))
                .verify();
        assertBalanced(counters());
    }

    @Test
    void cancellingStopsTheSourceAndCountsWhatWasInside() {
        AtomicBoolean sourceCancelled = new AtomicBoolean();
        TelemetrySource live = ctx -> paced(List.of(A), Duration.ofMillis(1), SAMPLES).samples(ctx)
                .doOnCancel(() -> sourceCancelled.set(true));
        StepVerifier.withVirtualTime(() -> scenario(live, OverflowPolicy.DROP_OLDEST))
                .thenAwait(Duration.ofMillis(500))
                .expectNextCount(1 + 50) // a block leaves as soon as its last row is complete
                .thenAwait(Duration.ofMillis(5)) // half of the next block is inside when cancelled
                .thenCancel()
                .verify();

        assertTrue(sourceCancelled.get());
        CountersSnapshot c = counters();
        assertTrue(c.received() > 500 && c.received() < 510, "cancelled about half a second in: " + c);
        assertEquals(500, c.emitted(), "50 full blocks of 10 were sent");
        assertEquals(c.received() - 500, c.dropped().get("cancelled"), "the open block's samples");
        assertBalanced(c);
        assertFalse(events.isEmpty());
    }
}
