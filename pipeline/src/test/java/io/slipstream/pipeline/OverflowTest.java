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
import reactor.test.scheduler.VirtualTimeScheduler;

/** Each overflow policy under zero and low downstream demand; the counters add up; cancellation. */
class OverflowTest {

    private static final ChannelDefinition A = channel("A:Live", 1000);
    private static final int SAMPLES = 3000;
    private static final int BUFFER = 64;
    /**
     * Samples the block assembly takes beyond the buffer while nobody asks for blocks: {@code Flux.merge} of the
     * samples and the linger ticks prefetches Reactor's {@code Queues.XS_BUFFER_SIZE} (32) from the samples, and asks
     * again for 3/4 of it (24) each time it has passed on 24. The assembly consumes at least 24 and fewer than 48
     * before its first output waits for demand (its timing probe first judges the rate), so one refill: 32 + 24.
     * (With a merge prefetch of 16 the same run gives 16 + 12 + 12 = 40: checked by breaking it.)
     */
    private static final int ASSEMBLY_PREFETCH = 32 + 24;

    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private final List<PipelineEvent> events = new ArrayList<>();

    private Flux<PipelineEvent> scenario(TelemetrySource source, OverflowPolicy policy) {
        return scenario(source, policy, false);
    }

    private Flux<PipelineEvent> scenario(TelemetrySource source, OverflowPolicy policy, boolean handoff) {
        PipelineSettings s = new PipelineSettings(
                new BlockSettings(10, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT),
                new MarkerSettings(false, List.of()), new OverflowSettings(policy, BUFFER));
        Pipeline p = handoff
                ? Pipeline.of(source, s, PipelineClock.virtual(VirtualTimeScheduler.get()), VirtualTimeScheduler.get())
                : virtualPipeline(source, s);
        pipeline.set(p);
        return p.events().doOnNext(events::add);
    }

    private CountersSnapshot counters() {
        return pipeline.get().counters().snapshot();
    }

    /** @return the emitted values as runs of consecutive row numbers, e.g. "0-55 2936-2999" */
    private String emittedRuns() {
        StringBuilder out = new StringBuilder();
        List<Double> v = emittedValues();
        for (int i = 0; i < v.size(); i++) {
            int start = i;
            while (i + 1 < v.size() && v.get(i + 1) == v.get(i) + 1) {
                i++;
            }
            out.append(out.isEmpty() ? "" : " ").append(v.get(start).intValue()).append('-').append(v.get(i).intValue());
        }
        return out.toString();
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
        // While nobody asks, the assembly takes the first 56 samples (0-55) and the buffer fills with 64 more; every
        // other sample is dropped: 3000 - 56 - 64. Drop-newest keeps 56-119 in the buffer, drop-oldest the last 64.
        assertEquals(java.util.Map.of(reason, (long) (SAMPLES - ASSEMBLY_PREFETCH - BUFFER)), c.dropped(), c.toString());
        assertEquals(ASSEMBLY_PREFETCH + BUFFER, c.emitted());
        assertBalanced(c);
        assertEquals(c.emitted(), emittedValues().size());
        assertEquals(policy == OverflowPolicy.DROP_OLDEST ? "0-55 2936-2999" : "0-119", emittedRuns(),
                "which end of the stream survives");
    }

    @Test
    void theHandOffToTheAssemblyThreadHoldsABoundedNumberOfSamplesAndTheBufferDropsTheRest() {
        StepVerifier.withVirtualTime(() -> scenario(paced(List.of(A), Duration.ofMillis(1), SAMPLES),
                        OverflowPolicy.DROP_OLDEST, true), 0)
                .thenAwait(Duration.ofSeconds(4))
                .then(() -> {
                    CountersSnapshot c = counters();
                    // The hand-off asked the buffer for 256 and passed 56 to the assembly: 200 wait in it, 64 in the
                    // buffer, both shown as the buffer's fill out of 64 + 256.
                    assertEquals(200 + BUFFER, c.bufferFill(), c.toString());
                    assertEquals(BUFFER + Pipeline.HANDOFF_SAMPLES, c.bufferCapacity());
                    assertEquals((200L + BUFFER) * CountersSnapshot.SAMPLE_BYTES, c.bufferBytes());
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(e -> true)
                .verifyComplete();

        CountersSnapshot c = counters();
        assertEquals(SAMPLES, c.received());
        // Kept: the 256 the hand-off asked for (56 of them already in the assembly) and the buffer's newest 64.
        assertEquals(java.util.Map.of("overflow-oldest", (long) (SAMPLES - Pipeline.HANDOFF_SAMPLES - BUFFER)),
                c.dropped(), c.toString());
        assertEquals(Pipeline.HANDOFF_SAMPLES + BUFFER, c.emitted());
        assertEquals(0, c.bufferFill());
        assertBalanced(c);
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
        // Sample k arrives at k+1 ms. As for zero demand, the assembly first takes 0-55 and the buffer fills with 64.
        // One block (10 samples) is asked for every 100 ms, and the merge asks the buffer again for the samples it
        // passed on: 32 at 200 ms, then 24 (3/4 of its prefetch) every 300 ms from 400 ms (traced in virtual time).
        // Drop-oldest: the buffer always holds the newest 64, so each take is the oldest of those (at 200 ms:
        // 136-167 of 136-199), and the last 64 are sent at the end. Drop-newest: the buffer keeps what it holds, and
        // the slots a take frees are filled by the next samples to arrive (200-231 after the take at 200 ms).
        String expected = policy == OverflowPolicy.DROP_OLDEST
                ? "0-55 136-167 336-359 636-659 936-959 1236-1259 1536-1559 1836-1859 2136-2159 2436-2459 2736-2759 "
                + "2936-2999"
                : "0-119 200-231 400-423 700-723 900-923 1200-1223 1400-1423 1700-1723 2000-2023 2300-2323 2600-2623 "
                + "2900-2923";
        assertEquals(expected, emittedRuns());
        long emitted = policy == OverflowPolicy.DROP_OLDEST ? 56 + 32 + 9 * 24 + 64 : 120 + 32 + 10 * 24;
        assertEquals(emitted, c.emitted());
        String reason = policy == OverflowPolicy.DROP_OLDEST ? "overflow-oldest" : "overflow-newest";
        assertEquals(java.util.Map.of(reason, SAMPLES - emitted), c.dropped(), "some, not all, dropped: " + c);
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
                    assertEquals("the buffer of 64 samples between source and pipeline is full and overflow policy"
                            + " is 'fail': downstream did not keep up with the source (choose drop-oldest or drop-newest"
                            + " to keep going, or a larger overflow.buffer)", e.getMessage());
                })
                .verify();

        CountersSnapshot c = counters();
        // The assembly took samples 0-55, the buffer held 56-119; sample 120 found it full and failed the run.
        assertEquals(java.util.Map.of("overflow-fail", 1L), c.dropped());
        assertEquals(ASSEMBLY_PREFETCH + BUFFER + 1, c.received());
        assertEquals(ASSEMBLY_PREFETCH + BUFFER, c.emitted(), "what was assembled before the overflow was sent");
        assertEquals("0-119", emittedRuns());
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
                .then(() -> assertEquals(ASSEMBLY_PREFETCH, requested.get(), "the assembly's prefetch only"))
                .thenRequest(2)
                // the configuration and the first block: 10 of the 56 samples taken, no new request yet
                .expectNextCount(2)
                .then(() -> assertEquals(ASSEMBLY_PREFETCH, requested.get(), "still the prefetch only"))
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
                .expectErrorSatisfies(e -> assertEquals("the source emitted more samples than were requested, which"
                        + " overflow policy 'block' does not allow; a live source needs overflow.policy drop-oldest,"
                        + " drop-newest or fail", e.getMessage()))
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
        // One row a millisecond from 1 ms: 505 rows by 505 ms, when the run is cancelled.
        assertEquals(505, c.received(), "cancelled 505 ms in: " + c);
        assertEquals(500, c.emitted(), "50 full blocks of 10 were sent");
        assertEquals(java.util.Map.of("cancelled", 5L), c.dropped(), "the open block's samples");
        assertBalanced(c);
        assertFalse(events.isEmpty());
    }
}
