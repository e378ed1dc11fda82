package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.rowBatches;
import static io.slipstream.pipeline.Fixtures.rows;
import static io.slipstream.pipeline.Fixtures.sized;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A logger that restarts mid-log: its time steps back and runs forward again over times already sent. What is sent
 * must still keep the session rules (checked on every run by {@link VirtualRun}: no block starts at or before its
 * group's previous block's last sample, row times only increase), so the samples at or before the last time sent
 * for their group are dropped and counted ({@code time-backwards}), and the stream goes on from the first sample
 * after that time.
 */
class BackwardsTimeTest {

    private static final ChannelDefinition A = channel("A:Test", 1000);
    private static final ChannelDefinition B = channel("B:Test", 1000);
    private static final ChannelDefinition LAT = channel("Lat:Gps", 0);
    private static final ChannelDefinition LON = channel("Lon:Gps", 0);
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final VirtualRun virtual = new VirtualRun();

    /**
     * A and B at 1 kHz from 0 to {@code last} ms, then the logger restarts at {@code backTo} ms and runs to
     * {@code end} ms. Each value is its time in ms, plus 1000 after the restart, to tell the two runs apart.
     */
    private static TelemetrySource restart(long last, long backTo, long end) {
        return ctx -> {
            ctx.declareChannels(List.of(A, B));
            List<SampleValue> out = new ArrayList<>();
            for (long ms = 0; ms <= last; ms++) {
                out.add(SampleValue.of(A, T0 + ms * MS, ms));
                out.add(SampleValue.of(B, T0 + ms * MS, ms));
            }
            for (long ms = backTo; ms <= end; ms++) {
                out.add(SampleValue.of(A, T0 + ms * MS, 1000 + ms));
                out.add(SampleValue.of(B, T0 + ms * MS, 1000 + ms));
            }
            return Flux.fromIterable(out);
        };
    }

    private static List<Long> values(List<Block> blocks, int column) {
        List<Long> out = new ArrayList<>();
        for (Block b : blocks) {
            for (int i = 0; i < b.length(); i++) {
                out.add((long) b.values(column)[i]);
            }
        }
        return out;
    }

    @Test
    void aRestartInsideAnOpenBlockDropsTheOverlapAndTheGridGoesOn() {
        // Blocks of 8 rows: rows 16..19 are in the open block when the time steps back to 12 ms.
        List<PipelineEvent> events = virtual.run(restart(19, 12, 39), sized(8));

        List<Block> blocks = blocks(events);
        assertEquals(List.of(8, 8, 8, 8, 8), blocks.stream().map(Block::length).toList());
        for (int i = 1; i < blocks.size(); i++) {
            assertEquals(blocks.get(i - 1).endNanos(), blocks.get(i).startNanos(), "gapless, on one grid");
        }
        List<Long> expected = LongStream.concat(LongStream.rangeClosed(0, 19), LongStream.rangeClosed(1020, 1039))
                .boxed().toList();
        assertEquals(expected, values(blocks, 0), "each time once: the first run's 12..19 ms, the second's from 20");
        assertEquals(expected, values(blocks, 1));
        CountersSnapshot c = virtual.counters();
        assertEquals(Map.of("time-backwards", 16L), c.dropped(), "8 rows of 2 channels at 12..19 ms again");
        assertEquals(16, c.backwards());
        assertEquals(80, c.emitted());
        assertEquals(0, c.offGrid());
    }

    @Test
    void aRestartRightAfterAFullBlockLeftDropsTheOverlapToo() {
        // The block of 16..23 ms left complete; the log steps back to 10 ms.
        List<PipelineEvent> events = virtual.run(restart(23, 10, 31), sized(8));

        List<Block> blocks = blocks(events);
        assertEquals(List.of(8, 8, 8, 8), blocks.stream().map(Block::length).toList());
        assertEquals(T0 + 24 * MS, blocks.get(3).startNanos(), "goes on right after the last time sent");
        CountersSnapshot c = virtual.counters();
        assertEquals(Map.of("time-backwards", 28L), c.dropped(), "14 rows of 2 channels at 10..23 ms again");
        assertEquals(64, c.emitted());
    }

    @Test
    void aRestartBehindTheStartOfTheLogDropsEverythingUntilTimeIsNewAgain() {
        List<PipelineEvent> events = virtual.run(rows(List.of(A, B), LongStream.concat(
                LongStream.rangeClosed(100, 119), LongStream.rangeClosed(0, 127)).map(ms -> T0 + ms * MS).toArray()),
                sized(8));

        List<Block> blocks = blocks(events);
        assertEquals(T0 + 100 * MS, blocks.get(0).startNanos());
        assertEquals(T0 + 127 * MS, blocks.get(blocks.size() - 1).lastNanos());
        assertEquals(Map.of("time-backwards", 240L), virtual.counters().dropped(), "0..119 ms of the second run");
        assertEquals(56, virtual.counters().emitted());
    }

    @Test
    void irregularChannelsDropRowsAtOrBeforeTheLastRowSent() {
        List<SampleValue> samples = new ArrayList<>();
        for (long ms : new long[] {0, 10, 20, 30, 40, 50, 60, 25, 30, 55, 60, 61, 70}) {
            samples.add(SampleValue.of(LAT, T0 + ms * MS, ms));
            samples.add(SampleValue.of(LON, T0 + ms * MS, -ms));
        }
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(LAT, LON));
            return Flux.fromIterable(samples);
        };
        List<PipelineEvent> events = virtual.run(source, sized(4));

        List<Long> times = new ArrayList<>();
        List<Double> lat = new ArrayList<>();
        for (Rows r : rowBatches(events)) {
            for (int i = 0; i < r.length(); i++) {
                times.add((r.time(i) - T0) / MS);
                lat.add(r.values(0)[i]);
            }
        }
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L, 60L, 61L, 70L), times);
        assertEquals(List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 61.0, 70.0), lat);
        CountersSnapshot c = virtual.counters();
        assertEquals(Map.of("time-backwards", 8L), c.dropped(), "rows at 25, 30, 55 and 60 ms, 2 channels each");
        assertEquals(18, c.emitted());
    }

    @Test
    void aSecondValueAtARowsTimeIsDroppedNotSentAsARepeatedTime() {
        ChannelDefinition rpm = channel("Rpm:Obd", 0);
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(rpm));
            return Flux.just(SampleValue.of(rpm, T0, 1), SampleValue.of(rpm, T0 + 10 * MS, 2),
                    SampleValue.of(rpm, T0 + 10 * MS, 3), SampleValue.of(rpm, T0 + 30 * MS, 4));
        };
        List<PipelineEvent> events = virtual.run(source, sized(1000));

        Rows rows = rowBatches(events).get(0);
        assertEquals(3, rows.length());
        assertEquals(2.0, rows.values(0)[1], 0.0, "the first value at 10 ms is kept");
        assertEquals(Map.of("time-backwards", 1L), virtual.counters().dropped());
    }
}
