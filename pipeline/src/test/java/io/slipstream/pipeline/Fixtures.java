package io.slipstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Channels, test-only sources and checks shared by the pipeline tests. */
final class Fixtures {

    static final long MS = 1_000_000L;

    private Fixtures() {
    }

    static ChannelDefinition channel(String id, double hz) {
        return ChannelDefinition.builder(id).frequencyHz(hz).build();
    }

    static PipelineSettings settings(int size, Duration span, Duration linger, double tolerance, GapPolicy gap) {
        return new PipelineSettings(new BlockSettings(size, span, linger, tolerance, gap),
                new MarkerSettings(false, List.of()), OverflowSettings.defaults());
    }

    static PipelineSettings sized(int size) {
        return settings(size, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.SPLIT);
    }

    /** A pipeline on the virtual-time scheduler installed by {@code StepVerifier.withVirtualTime}. */
    static Pipeline virtualPipeline(TelemetrySource source, PipelineSettings settings) {
        return Pipeline.of(source, settings, PipelineClock.virtual(VirtualTimeScheduler.get()));
    }

    /**
     * A source that declares the channels and emits one row per time, every channel of the row, without pacing.
     * Each value is the read time itself unless a function is given, so that tests can check where it landed.
     */
    static TelemetrySource rows(List<ChannelDefinition> channels, long[] times) {
        return rows(channels, times, t -> t);
    }

    static TelemetrySource rows(List<ChannelDefinition> channels, long[] times, LongToDoubleFunction value) {
        return ctx -> {
            ctx.declareChannels(channels);
            List<SampleValue> out = new ArrayList<>();
            for (long t : times) {
                for (ChannelDefinition c : channels) {
                    out.add(SampleValue.of(c, t, value.applyAsDouble(t)));
                }
            }
            return Flux.fromIterable(out);
        };
    }

    /**
     * A live source paced on the context's scheduler: {@code count} rows, one every {@code period}, each stamped
     * with the scheduler's clock when produced; the value is the row number. It keeps its pace whatever the
     * demand, as a live source does (rows wait in an unbounded queue until asked for).
     */
    static TelemetrySource paced(List<ChannelDefinition> channels, Duration period, long count) {
        return ctx -> {
            ctx.declareChannels(channels);
            return Flux.interval(period, ctx.scheduler()).take(count).concatMapIterable(i -> {
                long t = ctx.nowNanos();
                List<SampleValue> row = new ArrayList<>(channels.size());
                for (ChannelDefinition c : channels) {
                    row.add(SampleValue.of(c, t, i));
                }
                return row;
            }, Integer.MAX_VALUE);
        };
    }

    static long[] grid(long start, long interval, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * interval;
        }
        return t;
    }

    static List<Block> blocks(List<PipelineEvent> events) {
        return events.stream().filter(Block.class::isInstance).map(Block.class::cast).toList();
    }

    static List<Marker> markers(List<PipelineEvent> events) {
        return events.stream().filter(Marker.class::isInstance).map(Marker.class::cast).toList();
    }

    /**
     * A configuration announcing its group precedes every block and row batch, and one defining its event precedes
     * every occurrence; every marker follows data (a block or a row batch), already sent, that covers its time.
     */
    static void assertOrder(List<PipelineEvent> events) {
        List<PipelineEvent> sent = new ArrayList<>();
        Configuration config = null;
        for (PipelineEvent e : events) {
            if (e instanceof Configuration c) {
                config = c;
            } else if (e instanceof Block b) {
                assertTrue(config != null && config.groups().contains(b.group()), "a block before its group was"
                        + " announced: " + b);
                sent.add(b);
            } else if (e instanceof Rows r) {
                assertTrue(config != null && config.rowGroups().contains(r.group()), "rows before their group was"
                        + " announced: " + r);
                sent.add(r);
            } else if (e instanceof EventOccurrence o) {
                assertTrue(config != null && config.events().contains(o.definition()), "an occurrence before its"
                        + " event was defined: " + o.definition() + " at " + o.timeNanos());
            } else if (e instanceof Marker m) {
                assertTrue(sent.stream().anyMatch(d -> d instanceof Block b ? b.covers(m.timeNanos())
                                : ((Rows) d).covers(m.timeNanos())),
                        "marker " + m + " is not covered by data sent before it: " + sent);
            }
        }
    }

    /**
     * The session rules on time that {@code slipstream inspect --check} applies to what lands: per rate group, every
     * block starts after the last sample of the group's previous block; per row group, row times only increase.
     */
    static void assertTimesAdvance(List<PipelineEvent> events) {
        Map<Integer, Block> lastBlock = new HashMap<>();
        Map<Integer, Long> lastRow = new HashMap<>();
        for (PipelineEvent e : events) {
            if (e instanceof Block b) {
                Block previous = lastBlock.put(b.group().id(), b);
                assertTrue(previous == null || b.startNanos() > previous.lastNanos(), "block " + b
                        + " starts at or before the last sample of the previous block " + previous);
            } else if (e instanceof Rows r) {
                for (int i = 0; i < r.length(); i++) {
                    Long previous = lastRow.put(r.group().id(), r.time(i));
                    assertTrue(previous == null || r.time(i) > previous, "row " + i + " of " + r + " at "
                            + r.time(i) + " ns is not after the previous row of its group at " + previous + " ns");
                }
            }
        }
    }

    static List<Rows> rowBatches(List<PipelineEvent> events) {
        return events.stream().filter(Rows.class::isInstance).map(Rows.class::cast).toList();
    }

    /** received == emitted + dropped. */
    static void assertBalanced(CountersSnapshot c) {
        assertEquals(c.received(), c.emitted() + c.droppedTotal(), "received = emitted + dropped in " + c);
    }
}
