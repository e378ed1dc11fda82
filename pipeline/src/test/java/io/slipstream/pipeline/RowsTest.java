package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.markers;
import static io.slipstream.pipeline.Fixtures.rowBatches;
import static io.slipstream.pipeline.Fixtures.settings;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Timestamped rows in virtual time: batching by size, span and linger, shared timestamps, times never moved. */
class RowsTest {

    private static final ChannelDefinition LAT = channel("Lat:Gps", 0);
    private static final ChannelDefinition LON = channel("Lon:Gps", 0);
    private static final ChannelDefinition RPM = channel("Rpm:Obd", 0);
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final VirtualRun virtual = new VirtualRun();

    private List<PipelineEvent> run(TelemetrySource source, PipelineSettings settings) {
        return virtual.run(source, settings);
    }

    private CountersSnapshot counters() {
        return virtual.counters();
    }

    private static TelemetrySource samples(List<ChannelDefinition> declared, SampleValue... samples) {
        return ctx -> {
            ctx.declareChannels(declared);
            return Flux.just(samples);
        };
    }

    private static SampleValue at(ChannelDefinition c, long offsetMs, double v) {
        return SampleValue.of(c, T0 + offsetMs * MS + 7, v);
    }

    @Test
    void spanClosesABatchAtTheFirstRowThatLiesASpanAfterItsFirst() {
        long[] ms = {0, 13, 49, 50, 51, 99, 100, 250};
        List<SampleValue> s = new ArrayList<>();
        for (long m : ms) {
            s.add(at(LAT, m, m));
            s.add(at(LON, m, -m));
        }
        List<PipelineEvent> events = run(samples(List.of(LAT, LON), s.toArray(SampleValue[]::new)),
                settings(1000, Duration.ofMillis(50), Duration.ofHours(1), 0.5, GapPolicy.SPLIT));

        List<Rows> batches = rowBatches(events);
        assertEquals(List.of(3, 3, 1, 1), batches.stream().map(Rows::length).toList());
        int row = 0;
        for (Rows r : batches) {
            for (int i = 0; i < r.length(); i++, row++) {
                assertEquals(T0 + ms[row] * MS + 7, r.time(i), "times are never moved");
                assertEquals(ms[row], r.values(0)[i], 0.0);
                assertEquals(-ms[row], r.values(1)[i], 0.0);
            }
            assertNull(r.status(0));
        }
        CountersSnapshot c = counters();
        assertEquals(8, c.rows());
        assertEquals(4, c.rowBatches());
        assertEquals(16, c.emitted());
        assertEquals(0, c.filled());
    }

    @Test
    void sizeClosesABatchAsSoonAsItsLastRowIsComplete() {
        StepVerifier.withVirtualTime(() -> {
                    Pipeline p = virtualPipeline(samples(List.of(LAT, LON), at(LAT, 0, 1), at(LON, 0, 1),
                                    at(LAT, 5, 2), at(LON, 5, 2), at(LAT, 9, 3), at(LON, 9, 3), at(LAT, 20, 4)),
                            settings(2, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT));
                    return virtual.keep(p).events();
                }, 0)
                .thenRequest(2)
                .assertNext(e -> assertEquals(2, assertInstanceOf(Configuration.class, e).rowGroups().get(0)
                        .channels().size()))
                .assertNext(e -> assertEquals(T0 + 5 * MS + 7, assertInstanceOf(Rows.class, e).lastNanos()))
                .thenRequest(10)
                .assertNext(e -> {
                    Rows r = assertInstanceOf(Rows.class, e);
                    assertEquals(2, r.length(), "the rows at 9 and 20 ms; 20 ms is incomplete, so it waits for the end");
                    assertEquals(T0 + 20 * MS + 7, r.time(1));
                    assertEquals(SampleStatus.VALID, r.statusAt(1, 0));
                    assertEquals(SampleStatus.MISSING, r.statusAt(1, 1), "LON had no value at 20 ms");
                })
                .verifyComplete();
        assertEquals(1, counters().filled());
        assertEquals(7, counters().emitted());
    }

    @Test
    void channelsReadAtTheirOwnInstantsGetTheirOwnRowGroups() {
        List<PipelineEvent> events = run(samples(List.of(LAT, LON, RPM),
                        at(LAT, 0, 1), at(LON, 0, 1), at(RPM, 3, 900), at(LAT, 10, 2), at(LON, 10, 2),
                        at(RPM, 8, 950), at(LAT, 20, 3), at(RPM, 21, 990), at(LON, 20, 3)),
                settings(1000, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT));

        Configuration last = (Configuration) events.stream().filter(Configuration.class::isInstance)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(List.of(new RowGroup(1, List.of(LAT, LON)), new RowGroup(2, List.of(RPM))), last.rowGroups());
        List<Rows> batches = rowBatches(events);
        Rows gps = batches.stream().filter(r -> r.group().id() == 1).findFirst().orElseThrow();
        Rows obd = batches.stream().filter(r -> r.group().id() == 2).findFirst().orElseThrow();
        assertEquals(3, gps.length());
        assertEquals(T0 + 20 * MS + 7, gps.time(2));
        assertEquals(3.0, gps.values(1)[2], 0.0, "LON at 20 ms joined LAT's row at 20 ms");
        assertEquals(List.of(T0 + 3 * MS + 7, T0 + 8 * MS + 7, T0 + 21 * MS + 7),
                List.of(obd.time(0), obd.time(1), obd.time(2)));
        assertEquals(6, counters().rows());
        assertEquals(0, counters().filled());
    }

    @Test
    void aTimeGoingBackwardsIsDroppedAndCountedAndTheBatchGoesOn() {
        List<PipelineEvent> events = run(samples(List.of(RPM), at(RPM, 0, 1), at(RPM, 10, 2), at(RPM, 5, 3),
                        at(RPM, 5, 4), at(RPM, 30, 5)),
                settings(1000, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT));

        Rows rows = rowBatches(events).get(0);
        assertEquals(List.of(3), rowBatches(events).stream().map(Rows::length).toList(),
                "5 ms after 10 ms goes backwards, twice");
        assertEquals(List.of(1.0, 2.0, 5.0), List.of(rows.values(0)[0], rows.values(0)[1], rows.values(0)[2]));
        assertEquals(2, counters().backwards());
        assertEquals(Map.of(PipelineCounters.TIME_BACKWARDS, 2L), counters().dropped());
        assertEquals(3, counters().rows());
    }

    @Test
    void aStalledSourceHasItsRowsSentAfterTheLingerTime() {
        TelemetrySource stalls = ctx -> {
            ctx.declareChannels(List.of(LAT));
            return Flux.just(at(LAT, 0, 1), at(LAT, 3, 2), at(LAT, 17, 3)).concatWith(Flux.never());
        };
        StepVerifier.withVirtualTime(() -> {
                    Pipeline p = virtualPipeline(stalls, settings(1000, Duration.ofHours(1), Duration.ofMillis(200),
                            0.5, GapPolicy.SPLIT));
                    return virtual.keep(p).events();
                })
                .expectSubscription()
                .expectNextMatches(Configuration.class::isInstance)
                .expectNoEvent(Duration.ofMillis(199))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(e -> assertEquals(3, assertInstanceOf(Rows.class, e).length()))
                .thenCancel()
                .verify();
        assertEquals(3, counters().emitted());
        assertEquals(3, counters().rows());
    }

    @Test
    void aMarkerOnARowChannelFollowsTheBatchHoldingItsTime() {
        ChannelDefinition lap = channel("Lap:Logger", 0);
        PipelineSettings s = new PipelineSettings(
                new BlockSettings(2, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT),
                new MarkerSettings(false, List.of(new CounterRule("Lap:Logger", "Lap {value}", "Lap Trigger"))),
                OverflowSettings.defaults());
        List<PipelineEvent> events = run(samples(List.of(lap), at(lap, 0, 0), at(lap, 11, 1), at(lap, 23, 1),
                at(lap, 37, 2)), s);

        assertEquals(List.of("Configuration", "Rows", "Marker", "Rows", "Marker"),
                events.stream().map(e -> e.getClass().getSimpleName()).toList());
        assertEquals(List.of(T0 + 11 * MS + 7, T0 + 37 * MS + 7), markers(events).stream()
                .map(Marker::timeNanos).toList(), "stamped with the row's own read time");
    }
}
