package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.assertBalanced;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Event occurrences: after the configuration that defines them, in order with the data, never silently dropped. */
class EventTest {

    private static final ChannelDefinition SPEED = channel("Speed:Car", 1000);
    private static final ChannelDefinition LAP = channel("Lap:Car", 1000);
    private static final ChannelDefinition GPS = channel("Lat:Gps", 0);
    private static final EventDefinition INCIDENT = EventDefinition.builder("Incident:Car").name("Incident")
            .priority(EventPriority.HIGH).value("Increase", "x").value("Total", "x").build();
    private static final EventDefinition YELLOW = EventDefinition.builder("Yellow:Car").name("Yellow flag").build();
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final VirtualRun virtual = new VirtualRun();

    private List<PipelineEvent> run(TelemetrySource source, PipelineSettings settings) {
        return virtual.run(source, settings);
    }

    private CountersSnapshot counters() {
        return virtual.counters();
    }

    private static PipelineSettings settings(int size, List<MarkerRule> rules) {
        return new PipelineSettings(new BlockSettings(size, Duration.ofHours(1), Duration.ofHours(1), 0.5,
                GapPolicy.SPLIT), new MarkerSettings(false, rules), OverflowSettings.defaults());
    }

    private static String shape(List<PipelineEvent> events) {
        List<String> out = new ArrayList<>();
        for (PipelineEvent e : events) {
            if (e instanceof Configuration c) {
                out.add("C" + c.version());
            } else if (e instanceof Block b) {
                out.add("B" + (b.startNanos() - T0) / MS + "-" + (b.lastNanos() - T0) / MS);
            } else if (e instanceof Rows r) {
                out.add("R" + (r.firstNanos() - T0) / MS + "-" + (r.lastNanos() - T0) / MS);
            } else if (e instanceof EventOccurrence o) {
                out.add("E" + o.definition().name() + "@" + (o.timeNanos() - T0) / MS);
            } else if (e instanceof Marker m) {
                out.add("M" + m.label() + "@" + (m.timeNanos() - T0) / MS);
            } else {
                out.add("S");
            }
        }
        return String.join(" ", out);
    }

    @Test
    void anOccurrenceLeavesAtOnceAfterTheDataCompletedBeforeItAndItsConfiguration() {
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(SPEED, LAP));
            ctx.declareEvents(List.of(INCIDENT));
            List<SampleValue> out = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                out.add(SampleValue.of(SPEED, T0 + i * MS, i));
                out.add(SampleValue.of(LAP, T0 + i * MS, i < 5 ? 1 : 2));
                if (i == 2 || i == 5) {
                    out.add(INCIDENT.occurrence(T0 + i * MS, 4, i == 2 ? 4 : 8));
                }
            }
            return Flux.fromIterable(out);
        };
        List<PipelineEvent> events = run(source, settings(3, List.of(new CounterRule("Lap:Car", "Lap {value}",
                "Lap Trigger"))));

        // blocks of 3: the probe judges at the first full block (2 intervals: too few to doubt the rate), then the
        // configuration leaves before the first block; an occurrence does not wait for the block holding its time
        assertEquals("C1 B0-2 Eincident@2 B3-5 MLap 2@5 Eincident@5 B6-7", shape(events).replace("EIncident", "Eincident"));
        EventOccurrence second = (EventOccurrence) events.get(5);
        assertEquals(INCIDENT, second.definition());
        assertArrayEquals(new double[] {4, 8}, second.values());
        Configuration c = (Configuration) events.get(0);
        assertEquals(List.of(INCIDENT), c.events());
        assertEquals(List.of(SPEED, LAP), c.channels(), "an event's channel is not a parameter");
        CountersSnapshot k = counters();
        assertEquals(2, k.events());
        assertEquals(0, k.eventsDropped());
        assertEquals(18, k.received());
        assertEquals(18, k.emitted());
    }

    @Test
    void anEventDeclaredMidRunGetsANewConfigurationBeforeItsFirstOccurrence() {
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(GPS));
            ctx.declareEvents(List.of(INCIDENT));
            return Flux.concat(
                    Flux.just(SampleValue.of(GPS, T0, 1), INCIDENT.occurrence(T0 + MS, 1, 1),
                            SampleValue.of(GPS, T0 + 4 * MS, 2)),
                    Flux.defer(() -> {
                        ctx.declareEvents(List.of(INCIDENT, YELLOW));
                        return Flux.just(YELLOW.occurrence(T0 + 6 * MS), SampleValue.of(GPS, T0 + 9 * MS, 3));
                    }));
        };
        List<PipelineEvent> events = run(source, settings(1000, List.of()));

        // the occurrence at 1 ms needs its definition before GPS's row group is known: one configuration for it,
        // a second for the row group, a third for the yellow flag
        assertEquals("C1 Eincident@1 C2 C3 Eyellow flag@6 R0-9", shape(events).replace("EIncident", "Eincident")
                .replace("EYellow", "Eyellow"));
        assertEquals(List.of(), ((Configuration) events.get(0)).rowGroups());
        assertEquals(List.of(INCIDENT), ((Configuration) events.get(2)).events());
        Configuration last = (Configuration) events.get(3);
        assertEquals(List.of(INCIDENT, YELLOW), last.events());
        assertEquals(List.of(new RowGroup(1, List.of(GPS))), last.rowGroups());
        assertEquals(2, counters().events());
    }

    @Test
    void anOccurrenceOfAnUndeclaredEventIsDroppedAndCounted() {
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(GPS));
            return Flux.just(SampleValue.of(GPS, T0, 1), YELLOW.occurrence(T0 + MS), SampleValue.of(GPS, T0 + 2 * MS, 2));
        };
        List<PipelineEvent> events = run(source, settings(1000, List.of()));

        assertTrue(events.stream().noneMatch(EventOccurrence.class::isInstance));
        CountersSnapshot c = counters();
        assertEquals(0, c.events());
        assertEquals(1, c.eventsDropped());
        assertEquals(Map.of("undeclared-event", 1L), c.dropped());
    }

    @Test
    void anOverflowThatWouldDropAnEventFailsTheRunNamingIt() {
        ChannelDefinition live = channel("Speed:Live", 1000);
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(live));
            ctx.declareEvents(List.of(YELLOW));
            return Flux.interval(Duration.ofMillis(1), ctx.scheduler()).take(200)
                    .map(i -> i == 90 ? YELLOW.occurrence(T0 + i * MS) : SampleValue.of(live, T0 + i * MS, i));
        };
        PipelineSettings s = new PipelineSettings(BlockSettings.defaults(), new MarkerSettings(false, List.of()),
                new OverflowSettings(OverflowPolicy.DROP_OLDEST, 16));
        StepVerifier.withVirtualTime(() -> {
                    Pipeline p = virtualPipeline(source, s);
                    return virtual.keep(p).events();
                }, 0)
                // nobody asks while the source emits all 200: the buffer of 16 drops its oldest, the occurrence at
                // 90 ms among them once 16 newer items arrived
                .thenAwait(Duration.ofSeconds(1))
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(e -> true)
                .expectErrorSatisfies(e -> {
                    EventDroppedException d = assertInstanceOf(EventDroppedException.class, e);
                    assertTrue(d.getMessage().startsWith("event Yellow:Car at " + (T0 + 90 * MS) + " ns would have"
                            + " been dropped"), d.getMessage());
                    assertTrue(d.getMessage().contains("'drop-oldest'"), d.getMessage());
                })
                .verify();
        CountersSnapshot c = counters();
        assertEquals(1, c.eventsDropped());
        assertEquals(0, c.events());
        assertTrue(c.dropped().get("overflow-oldest") > 1, "samples before it went too, and the event: " + c);
        assertEquals(107, c.received(), "the source was stopped when sample 106 pushed the occurrence out: " + c);
        assertBalanced(c);
    }
}
