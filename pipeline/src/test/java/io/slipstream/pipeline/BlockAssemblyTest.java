package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.grid;
import static io.slipstream.pipeline.Fixtures.rows;
import static io.slipstream.pipeline.Fixtures.settings;
import static io.slipstream.pipeline.Fixtures.sized;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Block boundaries by size, span and end of source; tolerance with split and fill; backwards time; NaN. */
class BlockAssemblyTest {

    private static final ChannelDefinition A = channel("A:Test", 1000);
    private static final ChannelDefinition B = channel("B:Test", 1000);
    private static final long T0 = 1_700_000_000_000_000_000L;

    private final VirtualRun virtual = new VirtualRun();

    private List<PipelineEvent> run(TelemetrySource source, PipelineSettings settings) {
        return virtual.run(source, settings);
    }

    private CountersSnapshot counters() {
        return virtual.counters();
    }

    @Test
    void sizeClosesBlocksThatFollowEachOtherExactly() {
        List<PipelineEvent> events = run(rows(List.of(A, B), grid(T0 + 123, MS, 25)), sized(10));

        Configuration config = assertInstanceOf(Configuration.class, events.get(0));
        assertEquals(List.of(A, B), config.channels());
        assertEquals(1, config.groups().size());
        assertEquals(MS, config.groups().get(0).intervalNanos());
        List<Block> blocks = blocks(events);
        assertEquals(List.of(10, 10, 5), blocks.stream().map(Block::length).toList());
        assertEquals(T0 + 123, blocks.get(0).startNanos(), "a block starts at its first sample's read time");
        assertEquals(blocks.get(0).endNanos(), blocks.get(1).startNanos());
        assertEquals(blocks.get(1).endNanos(), blocks.get(2).startNanos());
        assertEquals(T0 + 123 + 24 * MS, blocks.get(2).lastNanos());
        assertEquals(2, blocks.get(0).columns());
        assertEquals(T0 + 123 + 13 * MS, blocks.get(1).values(1)[3], 0.0);
        assertEquals(50, counters().emitted());
        assertEquals(3, counters().blocks());
    }

    @Test
    void spanClosesBlocksBySampleClockTime() {
        PipelineSettings s = settings(1000, Duration.ofMillis(4), Duration.ofHours(1), 0.5, GapPolicy.SPLIT);
        List<Block> blocks = blocks(run(rows(List.of(A), grid(T0, MS, 10)), s));

        assertEquals(List.of(4, 4, 2), blocks.stream().map(Block::length).toList());
        assertEquals(T0 + 4 * MS, blocks.get(1).startNanos());
    }

    @Test
    void endOfSourceSendsTheOpenBlock() {
        List<PipelineEvent> events = run(rows(List.of(A), grid(T0, MS, 3)), sized(1000));

        assertEquals(2, events.size());
        Block block = assertInstanceOf(Block.class, events.get(1));
        assertEquals(3, block.length());
        assertNull(block.status(0));
    }

    @Test
    void jitterWithinToleranceStaysOnTheGrid() {
        long[] times = {T0, T0 + MS + MS / 3, T0 + 2 * MS - MS / 3, T0 + 3 * MS};
        List<Block> blocks = blocks(run(rows(List.of(A), times), sized(1000)));

        assertEquals(1, blocks.size());
        assertEquals(4, blocks.get(0).length());
        assertEquals(T0, blocks.get(0).startNanos());
        assertEquals(0, counters().offGrid());
    }

    @Test
    void offGridSampleSplitsTheBlockAndStartsAtItsOwnTime() {
        long late = T0 + 3 * MS + 7 * MS / 10;
        long[] times = {T0, T0 + MS, T0 + 2 * MS, late, late + MS};
        List<Block> blocks = blocks(run(rows(List.of(A), times), sized(1000)));

        assertEquals(2, blocks.size());
        assertEquals(3, blocks.get(0).length());
        assertEquals(late, blocks.get(1).startNanos());
        assertEquals(2, blocks.get(1).length());
        assertEquals(1, counters().offGrid());
    }

    @Test
    void missedSlotsSplitByDefault() {
        long[] times = {T0, T0 + MS, T0 + 2 * MS, T0 + 5 * MS, T0 + 6 * MS};
        List<Block> blocks = blocks(run(rows(List.of(A, B), times), sized(1000)));

        assertEquals(List.of(3, 2), blocks.stream().map(Block::length).toList());
        assertEquals(T0 + 5 * MS, blocks.get(1).startNanos());
        assertEquals(1, counters().offGrid(), "counted once, by the first channel that saw the gap");
        assertEquals(0, counters().filled());
    }

    @Test
    void missedSlotsAreFilledWithMissingWhenConfigured() {
        long[] times = {T0, T0 + MS, T0 + 2 * MS, T0 + 5 * MS, T0 + 6 * MS};
        PipelineSettings fill = settings(1000, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.FILL);
        List<Block> blocks = blocks(run(rows(List.of(A, B), times), fill));

        assertEquals(1, blocks.size());
        Block b = blocks.get(0);
        assertEquals(7, b.length());
        for (int col = 0; col < 2; col++) {
            assertEquals(SampleStatus.VALID, b.statusAt(col, 2));
            assertEquals(SampleStatus.MISSING, b.statusAt(col, 3));
            assertEquals(SampleStatus.MISSING, b.statusAt(col, 4));
            assertEquals(SampleStatus.VALID, b.statusAt(col, 5));
            assertTrue(Double.isNaN(b.values(col)[4]));
        }
        assertEquals(4, counters().filled());
        assertEquals(10, counters().emitted(), "filled samples are not received ones");
    }

    @Test
    void fillCrossesBlockBoundariesAndKeepsBlocksContiguous() {
        long[] times = {T0, T0 + MS, T0 + 5 * MS};
        PipelineSettings fill = settings(3, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.FILL);
        List<Block> blocks = blocks(run(rows(List.of(A), times), fill));

        assertEquals(List.of(3, 3), blocks.stream().map(Block::length).toList());
        assertEquals(blocks.get(0).endNanos(), blocks.get(1).startNanos());
        assertEquals(T0 + 5 * MS, blocks.get(1).lastNanos());
        assertEquals(3, counters().filled());
        assertEquals(0, counters().offGrid());
    }

    @Test
    void gapsLongerThanOneBlockSplitEvenWhenFilling() {
        long[] times = {T0, T0 + MS, T0 + 7 * MS};
        PipelineSettings fill = settings(3, Duration.ofHours(1), Duration.ofHours(1), 0.5, GapPolicy.FILL);
        List<Block> blocks = blocks(run(rows(List.of(A), times), fill));

        assertEquals(List.of(2, 1), blocks.stream().map(Block::length).toList());
        assertEquals(T0 + 7 * MS, blocks.get(1).startNanos());
        assertEquals(0, counters().filled());
        assertEquals(1, counters().offGrid());
    }

    @Test
    void timeGoingBackwardsIsDroppedAndCountedAndTheBlockGoesOn() {
        long[] times = {T0, T0 + MS, T0 + 2 * MS, T0 + MS, T0 + 2 * MS, T0 + 3 * MS};
        List<Block> blocks = blocks(run(rows(List.of(A, B), times), sized(1000)));

        assertEquals(List.of(4), blocks.stream().map(Block::length).toList(), "1 and 2 ms again are dropped");
        assertEquals(T0 + 2 * MS, blocks.get(0).values(0)[2], 0.0, "the first read of 2 ms is kept");
        assertEquals(T0 + 3 * MS, blocks.get(0).lastNanos());
        assertEquals(4, counters().backwards(), "A and B at 1 and 2 ms again");
        assertEquals(Map.of(PipelineCounters.TIME_BACKWARDS, 4L), counters().dropped());
        assertEquals(0, counters().offGrid());
        assertEquals(8, counters().emitted());
    }

    @Test
    void anEarlyReadWithinToleranceOfTheLastSampleStartsJustAfterItNeverOnIt() {
        // Slot 2 was read 0.4 ms early (accepted, within the tolerance); the next read, 0.2 ms after it, is still
        // before slot 2's grid time. It must not start a block on or before that time (two samples, one time).
        long[] times = {T0, T0 + MS, T0 + 2 * MS - 4 * MS / 10, T0 + 2 * MS - 2 * MS / 10, T0 + 3 * MS};
        List<Block> blocks = blocks(run(rows(List.of(A, B), times), sized(1000)));

        assertEquals(T0 + 2 * MS, blocks.get(0).lastNanos());
        assertTrue(blocks.get(1).startNanos() > blocks.get(0).lastNanos(), "no overlap: " + blocks);
        assertTrue(blocks.get(1).startNanos() - (T0 + 2 * MS - 2 * MS / 10) <= MS / 2,
                "the grid lies by no more than the tolerance");
        assertEquals(0, counters().backwards(), "read times went forward: jitter, not backwards time");
        assertEquals(1, counters().offGrid());
        assertEquals(10, counters().emitted());
    }

    @Test
    void aFullBlockLeavesWhenItsLastRowIsCompleteNotWhenTheNextRowArrives() {
        // Two rows of two channels, then nothing for an hour of sample time: with size 2 the block must be out
        // before the source's next sample, long before any linger could send it.
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(A, B));
            return Flux.concat(
                    Flux.just(SampleValue.of(A, T0, 1), SampleValue.of(B, T0, 2),
                            SampleValue.of(A, T0 + MS, 3), SampleValue.of(B, T0 + MS, 4)),
                    Flux.never());
        };
        StepVerifier.withVirtualTime(() -> virtualPipeline(source, sized(2)).events())
                .expectNextMatches(e -> e instanceof Configuration)
                .assertNext(e -> assertEquals(2, assertInstanceOf(Block.class, e).length()))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void nanAndInfiniteValuesBecomeMissingAndAreCounted() {
        double[] values = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5};
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(A));
            return Flux.range(0, values.length).map(i -> SampleValue.of(A, T0 + i * MS, values[i]));
        };
        Block b = blocks(run(source, sized(1000))).get(0);

        assertEquals(5, b.length());
        assertEquals(SampleStatus.MISSING, b.statusAt(0, 1));
        assertEquals(SampleStatus.MISSING, b.statusAt(0, 3));
        assertEquals(SampleStatus.VALID, b.statusAt(0, 4));
        assertEquals(2, counters().invalid());
        assertEquals(5, counters().emitted());
    }

    @Test
    void aChannelSkippingOneSlotIsMissingThereWhileItsGroupGoesOn() {
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(A, B));
            return Flux.just(SampleValue.of(A, T0, 1), SampleValue.of(B, T0, 1),
                    SampleValue.of(A, T0 + MS, 2),
                    SampleValue.of(A, T0 + 2 * MS, 3), SampleValue.of(B, T0 + 2 * MS, 3));
        };
        Block b = blocks(run(source, sized(1000))).get(0);

        assertEquals(3, b.length());
        assertEquals(SampleStatus.MISSING, b.statusAt(1, 1));
        assertEquals(SampleStatus.VALID, b.statusAt(0, 1));
        assertEquals(1, counters().filled());
    }

    @Test
    void ratesFormGroupsAndLateChannelsGetANewConfigurationFirst() {
        ChannelDefinition slow = channel("Slow:Test", 100);
        ChannelDefinition late = channel("Late:Test", 1000);
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(A, slow));
            return Flux.concat(
                    Flux.just(SampleValue.of(A, T0, 1), SampleValue.of(slow, T0, 1), SampleValue.of(A, T0 + MS, 2)),
                    Flux.defer(() -> {
                        ctx.declareChannels(List.of(late));
                        return Flux.just(SampleValue.of(A, T0 + 2 * MS, 3), SampleValue.of(late, T0 + 2 * MS, 3));
                    }));
        };
        // blocks of 2: A's first block is full at its second sample, which ends A's timing probe then and there
        List<PipelineEvent> events = run(source, sized(2));

        List<Configuration> configs = events.stream().filter(Configuration.class::isInstance)
                .map(Configuration.class::cast).toList();
        assertEquals(2, configs.size());
        assertEquals(List.of(List.of(A)), configs.get(0).groups().stream().map(RateGroup::channels).toList(),
                "A's group is announced before its first block; Slow is still being judged");
        assertEquals(2, configs.get(1).version());
        assertEquals(List.of(A, slow, late), configs.get(1).channels());
        assertEquals(3, configs.get(1).groups().size(), "a late channel at a known rate still gets its own group");
        assertEquals(10 * MS, configs.get(1).groups().get(1).intervalNanos());
        Block lateBlock = blocks(events).stream().filter(b -> b.group().channels().contains(late)).findFirst()
                .orElseThrow();
        assertTrue(events.indexOf(configs.get(1)) < events.indexOf(lateBlock),
                "the new configuration precedes the late channel's first block");
        assertEquals(4, blocks(events).size());
    }

    @Test
    void changedSessionMetadataIsSentOnceAsSessionDetailsAndUnchangedMetadataIsNot() {
        SessionMetadata practice = new SessionMetadata(java.util.Map.of(), null).with(SessionMetadata.TRACK, "Spa")
                .with(SessionMetadata.SESSION_TYPE, "Practice");
        SessionMetadata qualify = practice.with(SessionMetadata.SESSION_TYPE, "Qualify");
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(A));
            ctx.sessionMetadata(practice);
            return Flux.concat(
                    // 17 read times: the timing probe judges A regular at the 16th interval and the configuration
                    // leaves then, with the metadata of that moment
                    Flux.range(0, 17).map(i -> SampleValue.of(A, T0 + i * MS, i)),
                    Flux.defer(() -> {
                        ctx.sessionMetadata(practice.withStart(java.time.Instant.EPOCH)); // same fields: nothing to send
                        return Flux.just(SampleValue.of(A, T0 + 17 * MS, 17));
                    }),
                    Flux.defer(() -> {
                        ctx.sessionMetadata(qualify);
                        return Flux.just(SampleValue.of(A, T0 + 18 * MS, 18));
                    }),
                    Flux.defer(() -> {
                        ctx.sessionMetadata(qualify);
                        return Flux.just(SampleValue.of(A, T0 + 19 * MS, 19));
                    }));
        };
        List<PipelineEvent> events = run(source, sized(1000));

        assertEquals(practice, ((Configuration) events.get(0)).metadata(), "the first metadata names the session");
        List<SessionDetails> details = events.stream().filter(SessionDetails.class::isInstance)
                .map(SessionDetails.class::cast).toList();
        assertEquals(List.of(new SessionDetails(qualify)), details);
        assertEquals(1, events.stream().filter(Configuration.class::isInstance).count(), "no new configuration");
        assertEquals(20, blocks(events).get(0).length(), "data goes on in one block");
    }

    @Test
    void channelsWithoutARateAreSentAsRowsAtTheirOwnTimes() {
        ChannelDefinition x = channel("X:Csv", 0);
        ChannelDefinition y = channel("Y:Csv", 0);
        long[] times = {T0, T0 + 20 * MS, T0 + 33 * MS, T0 + 70 * MS, T0 + 71 * MS};
        List<PipelineEvent> events = run(rows(List.of(x, y), times), sized(1000));

        List<Configuration> configs = events.stream().filter(Configuration.class::isInstance)
                .map(Configuration.class::cast).toList();
        assertEquals(1, configs.size());
        assertEquals(List.of(), configs.get(0).groups());
        assertEquals(List.of(new RowGroup(1, List.of(x, y))), configs.get(0).rowGroups(),
                "channels read at the same instants share one row group");
        Rows r = (Rows) events.get(1);
        assertEquals(5, r.length());
        for (int i = 0; i < times.length; i++) {
            assertEquals(times[i], r.time(i), "row " + i + " keeps its read time");
            assertEquals(times[i], r.values(0)[i], 0.0);
            assertEquals(times[i], r.values(1)[i], 0.0);
        }
        assertNull(r.status(0));
        assertNull(r.status(1));
        assertEquals(2, events.size());
        assertEquals(5, counters().rows());
        assertEquals(1, counters().rowBatches());
        assertEquals(0, counters().blocks());
    }

    @Test
    void samplesOfUndeclaredChannelsAreDroppedAndCounted() {
        TelemetrySource source = ctx -> {
            ctx.declareChannels(List.of(A));
            return Flux.just(SampleValue.of(A, T0, 1), SampleValue.of(B, T0, 1));
        };
        run(source, sized(1000));

        assertEquals(1L, counters().dropped().get("undeclared-channel"));
    }

    @Test
    void eventsCanBeSubscribedOnlyOnce() {
        Pipeline p = Pipeline.of(rows(List.of(A), grid(T0, MS, 2)), sized(10), PipelineClock.system());
        StepVerifier.create(p.events()).expectNextCount(2).verifyComplete();
        StepVerifier.create(p.events()).expectError(IllegalStateException.class).verify();
    }
}
