package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.assertOrder;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.markers;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Markers from counter, edge and threshold rules plus the out lap; placed after the block holding their time. */
class MarkerTest {

    private static final ChannelDefinition LAP = channel("Lap:iRacing", 10);
    private static final ChannelDefinition PIT = channel("OnPitRoad:iRacing", 10);
    private static final ChannelDefinition SPEED = channel("Speed:iRacing", 10);
    private static final long STEP = 100 * MS;
    private static final long T0 = 5_000 * MS;

    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();

    private static TelemetrySource values(double[] lap, double[] pit, double[] speed) {
        return ctx -> {
            ctx.declareChannels(List.of(LAP, PIT, SPEED));
            List<SampleValue> out = new ArrayList<>();
            for (int i = 0; i < lap.length; i++) {
                long t = T0 + i * STEP;
                out.add(SampleValue.of(LAP, t, lap[i]));
                out.add(SampleValue.of(PIT, t, pit[i]));
                out.add(SampleValue.of(SPEED, t, speed[i]));
            }
            return Flux.fromIterable(out);
        };
    }

    private List<PipelineEvent> run(TelemetrySource source, int size, boolean outLap, List<MarkerRule> rules) {
        PipelineSettings s = new PipelineSettings(
                new BlockSettings(size, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT),
                new MarkerSettings(outLap, rules), OverflowSettings.defaults());
        List<PipelineEvent> events = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> {
                    Pipeline p = virtualPipeline(source, s);
                    pipeline.set(p);
                    return p.events().doOnNext(events::add);
                })
                .thenConsumeWhile(e -> true)
                .verifyComplete();
        assertOrder(events);
        assertEquals(markers(events).size(), pipeline.get().counters().snapshot().markers());
        assertEquals(0, pipeline.get().counters().snapshot().markersDropped(), "a completed run sends every marker");
        return events;
    }

    @Test
    void markersOfABlockStillOpenWhenTheRunIsCancelledAreCountedAsDropped() {
        // 20 rows: the timing probe judges the rate after 16 intervals, so the group exists and Lap 1 and Lap 2 are
        // derived into its open block before the cancel.
        double[] lap = {0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        double[] zero = new double[20];
        TelemetrySource stalls = ctx -> values(lap, zero, zero).samples(ctx).concatWith(Flux.never());
        PipelineSettings s = new PipelineSettings(
                new BlockSettings(1000, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT),
                new MarkerSettings(false, List.of(new CounterRule("Lap:iRacing", "Lap {value}", "Lap Trigger"))),
                OverflowSettings.defaults());
        StepVerifier.withVirtualTime(() -> {
                    Pipeline p = virtualPipeline(stalls, s);
                    pipeline.set(p);
                    return p.events();
                })
                .expectNextMatches(e -> e instanceof Configuration)
                .thenAwait(Duration.ofSeconds(1))
                .thenCancel()
                .verify();

        CountersSnapshot c = pipeline.get().counters().snapshot();
        assertEquals(0, c.markers());
        assertEquals(2, c.markersDropped(), "Lap 1 and Lap 2 waited for a block that never left: " + c);
        assertEquals(60, c.dropped().get("cancelled"));
    }

    @Test
    void lapCounterIncrementsMakeLapTriggerMarkersAtTheTriggeringSample() {
        // 20 rows: the timing probe judges the rate after 16 intervals, so the group exists and Lap 1 and Lap 2 are
        // derived into its open block before the cancel.
        double[] lap = {0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        double[] zero = new double[20];
        List<Marker> markers = markers(run(values(lap, zero, zero), 1000, false,
                List.of(new CounterRule("Lap:iRacing", "Lap {value}", "Lap Trigger"))));

        assertEquals(2, markers.size());
        assertEquals(new Marker(T0 + 2 * STEP, "Lap 1", "Lap Trigger", "Lap 1 (Lap:iRacing)", "0", 1), markers.get(0));
        assertEquals("Lap 2", markers.get(1).label());
        assertEquals(2, markers.get(1).value());
        assertEquals(T0 + 5 * STEP, markers.get(1).timeNanos());
    }

    @Test
    void pitRoadEdgesMakePitInAndPitOut() {
        double[] pit = {0, 1, 1, 0, 0, 0};
        double[] zero = new double[6];
        List<Marker> markers = markers(run(values(zero, pit, zero), 1000, false,
                List.of(new EdgeRule("OnPitRoad:iRacing", "Pit In", "Pit Out", null))));

        assertEquals(List.of("Pit In", "Pit Out"), markers.stream().map(Marker::label).toList());
        assertEquals(T0 + STEP, markers.get(0).timeNanos());
        assertEquals(T0 + 3 * STEP, markers.get(1).timeNanos());
    }

    @Test
    void thresholdMarksOnlyTheCrossing() {
        double[] speed = {50, 90, 95, 70, 85, 85};
        double[] zero = new double[6];
        List<Marker> markers = markers(run(values(zero, zero, speed), 1000, false,
                List.of(new ThresholdRule("Speed:iRacing", 80, true, "Fast", "Threshold"))));

        assertEquals(List.of(T0 + STEP, T0 + 4 * STEP), markers.stream().map(Marker::timeNanos).toList());
        assertEquals(90, markers.get(0).value());
    }

    @Test
    void outLapIsSetAtTheFirstSample() {
        double[] zero = new double[3];
        List<Marker> markers = markers(run(values(zero, zero, zero), 1000, true, List.of()));

        assertEquals(1, markers.size());
        assertEquals("Out Lap", markers.get(0).label());
        assertEquals(T0, markers.get(0).timeNanos());
    }

    @Test
    void aMarkerFollowsTheBlockHoldingItsTimeAndNoEarlierOne() {
        double[] lap = {0, 0, 0, 1, 1, 1, 1, 2};
        double[] zero = new double[8];
        List<PipelineEvent> events = run(values(lap, zero, zero), 3, false,
                List.of(new CounterRule("Lap:iRacing", "Lap {value}", "Lap Trigger")));

        List<Block> blocks = blocks(events);
        List<Marker> markers = markers(events);
        assertEquals(3, blocks.size());
        assertEquals(events.indexOf(blocks.get(1)) + 1, events.indexOf(markers.get(0)),
                "Lap 1 (slot 3) comes right after the second block");
        assertEquals(events.indexOf(blocks.get(2)) + 1, events.indexOf(markers.get(1)),
                "Lap 2 (slot 7) comes right after the last block, sent at the end of the source");
        assertTrue(blocks.get(1).covers(markers.get(0).timeNanos()));
    }

    @Test
    void aMarkerInTheRowCarriedOverByLingerWaitsForTheNextBlock() {
        ChannelDefinition lap = channel("Lap:Live", 100);
        TelemetrySource live = ctx -> {
            ctx.declareChannels(List.of(lap));
            return Flux.interval(Duration.ofMillis(10), ctx.scheduler()).take(100)
                    .map(i -> SampleValue.of(lap, ctx.nowNanos(), i / 30));
        };
        PipelineSettings s = new PipelineSettings(
                new BlockSettings(1000, Duration.ofHours(1), Duration.ofMillis(100), 0.5, GapPolicy.SPLIT),
                new MarkerSettings(true, List.of(new CounterRule("Lap:Live", "Lap {value}", "Lap Trigger"))),
                OverflowSettings.defaults());
        List<PipelineEvent> events = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> {
                    Pipeline p = virtualPipeline(live, s);
                    pipeline.set(p);
                    return p.events().doOnNext(events::add);
                })
                .thenAwait(Duration.ofSeconds(2))
                .thenConsumeWhile(e -> true)
                .verifyComplete();

        assertOrder(events);
        assertEquals(List.of("Out Lap", "Lap 1", "Lap 2", "Lap 3"), markers(events).stream().map(Marker::label).toList());
        // Rows every 10 ms from 10 ms to 1000 ms; linger 100 ms checked on ticks every 25 ms. The first block (from
        // 10 ms) is cut at the 125 ms tick: rows 10-110 (11), the row at 120 ms carried; each next one from 120, 220,
        // ... at the tick 5 ms after its linger: 10 rows; the last 9 (920-1000 ms) when the source completes.
        assertEquals(List.of(11, 10, 10, 10, 10, 10, 10, 10, 10, 9),
                blocks(events).stream().map(Block::length).toList(), "linger cut the run into these blocks");
        // Lap = row / 30: it rises at rows 30, 60 and 90, i.e. at 310, 610 and 910 ms.
        assertEquals(List.of(10L, 310L, 610L, 910L), markers(events).stream().map(m -> m.timeNanos() / MS).toList());
    }
}
