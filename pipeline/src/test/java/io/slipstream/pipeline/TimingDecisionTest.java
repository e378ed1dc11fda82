package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.grid;
import static io.slipstream.pipeline.Fixtures.rowBatches;
import static io.slipstream.pipeline.Fixtures.rows;
import static io.slipstream.pipeline.Fixtures.settings;
import static io.slipstream.pipeline.Fixtures.sized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The per-channel timing decision: a channel declared at a rate stays in blocks while it keeps the rate, and goes to
 * rows when more than a quarter of its first 16 intervals would split a block.
 */
class TimingDecisionTest {

    private static final ChannelDefinition A = channel("A:Rate", 100);
    private static final ChannelDefinition B = channel("B:Rate", 100);
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long I = 10 * MS;

    private final VirtualRun virtual = new VirtualRun();

    private List<PipelineEvent> run(TelemetrySource source, PipelineSettings settings) {
        return virtual.run(source, settings);
    }

    private CountersSnapshot counters() {
        return virtual.counters();
    }

    /** The grid with the given slots moved by 0.7 intervals (off the grid by more than the default tolerance). */
    private static long[] gridWithLateReads(int n, int... late) {
        long[] t = grid(T0, I, n);
        for (int k : late) {
            t[k] += 7 * I / 10;
        }
        return t;
    }

    @Test
    void aFixedRateChannelStaysInTheSameBlocksAsBefore() {
        List<PipelineEvent> events = run(rows(List.of(A, B), grid(T0, I, 100)), sized(25));

        List<Block> blocks = blocks(events);
        assertEquals(List.of(25, 25, 25, 25), blocks.stream().map(Block::length).toList());
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(T0 + i * 25 * I, blocks.get(i).startNanos());
        }
        assertEquals(List.of(), rowBatches(events));
        assertEquals(1, events.stream().filter(Configuration.class::isInstance).count());
        CountersSnapshot c = counters();
        assertEquals(4, c.blocks());
        assertEquals(0, c.rows());
        assertEquals(0, c.rowBatches());
        assertEquals(200, c.emitted());
    }

    @Test
    void fourSplitsInSixteenIntervalsKeepTheRateAndFiveSendRows() {
        // each late read is off its slot (one split) and the next read, back on the grid, is again (another split)
        List<PipelineEvent> kept = run(rows(List.of(A), gridWithLateReads(40, 3, 9)), sized(1000));
        assertEquals(List.of(), rowBatches(kept), "4 of 16 is a quarter, not more");
        assertEquals(4, counters().offGrid());
        assertEquals(5, blocks(kept).size());

        List<PipelineEvent> rows = run(rows(List.of(A), gridWithLateReads(40, 3, 9, 13)), sized(1000));
        assertEquals(List.of(), blocks(rows), "6 of 16 is more than a quarter");
        List<Rows> batches = rowBatches(rows);
        assertEquals(1, batches.size());
        long[] expected = gridWithLateReads(40, 3, 9, 13);
        for (int i = 0; i < 40; i++) {
            assertEquals(expected[i], batches.get(0).time(i), "row " + i + " keeps its read time");
        }
        CountersSnapshot c = counters();
        assertEquals(40, c.rows());
        assertEquals(1, c.rowBatches());
        assertEquals(0, c.offGrid(), "rows are never off a grid");
        assertEquals(40, c.emitted());
    }

    @Test
    void dropoutsAreOneSplitEachSoFourInTheFirstSixteenIntervalsKeepTheRate() {
        long[] four = LongStream.range(0, 40).filter(i -> i != 2 && i != 5 && i != 8 && i != 11)
                .map(i -> T0 + i * I).toArray();
        assertEquals(List.of(), rowBatches(run(rows(List.of(A), four), sized(1000))));
        assertEquals(4, counters().offGrid());

        long[] five = LongStream.range(0, 40).filter(i -> i != 2 && i != 5 && i != 8 && i != 11
                && i != 14).map(i -> T0 + i * I).toArray();
        assertEquals(35, counters(run(rows(List.of(A), five), sized(1000))).rows());
    }

    private CountersSnapshot counters(List<PipelineEvent> ignored) {
        return counters();
    }

    @Test
    void splitsAfterTheFirstSixteenIntervalsDoNotChangeTheDecision() {
        List<PipelineEvent> events = run(rows(List.of(A), gridWithLateReads(60, 20, 25, 30, 35, 40)), sized(1000));

        assertEquals(List.of(), rowBatches(events));
        assertEquals(10, counters().offGrid());
    }

    @Test
    void poissonArrivalsDeclaredAtARateGoToRowsWithTheirOwnTimes() {
        Random rnd = new Random(42);
        long[] times = new long[200];
        long t = T0;
        for (int i = 0; i < times.length; i++) {
            t += Math.max(1, Math.round(-Math.log(1 - rnd.nextDouble()) * I));
            times[i] = t;
        }
        List<PipelineEvent> events = run(rows(List.of(A, B), times), settings(1000, Duration.ofSeconds(1),
                Duration.ofHours(1), 0.5, GapPolicy.SPLIT));

        assertEquals(List.of(), blocks(events));
        List<Rows> batches = rowBatches(events);
        long[] seen = batches.stream().flatMapToLong(r -> Arrays.stream(Arrays.copyOf(timesOf(r), r.length())))
                .toArray();
        assertEquals(Arrays.toString(times), Arrays.toString(seen), "every read time, once, unchanged, in order");
        for (Rows r : batches) {
            assertEquals(List.of(A, B), r.group().channels(), "A and B share their timestamps, so share rows");
            assertTrue(r.lastNanos() - r.firstNanos() < Duration.ofSeconds(1).toNanos(), "span: " + r);
        }
        assertEquals(200, counters().rows());
        assertEquals(batches.size(), counters().rowBatches());
        assertEquals(400, counters().emitted());
    }

    @Test
    void gapRowsSendsAFixedRateChannelAsRowsToo() {
        List<PipelineEvent> events = run(rows(List.of(A, B), grid(T0, I, 30)), settings(1000, Duration.ofHours(1),
                Duration.ofHours(1), 0.5, GapPolicy.ROWS));

        assertEquals(List.of(), blocks(events));
        Configuration config = (Configuration) events.get(0);
        assertEquals(List.of(), config.groups());
        assertEquals(List.of(new RowGroup(1, List.of(A, B))), config.rowGroups());
        assertEquals(30, rowBatches(events).get(0).length());
        assertEquals(30, counters().rows());
    }

    private static long[] timesOf(Rows r) {
        long[] t = new long[r.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.time(i);
        }
        return t;
    }
}
