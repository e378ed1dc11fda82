package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.assertBalanced;
import static io.slipstream.pipeline.Fixtures.assertOrder;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.paced;
import static io.slipstream.pipeline.Fixtures.settings;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The wall-clock linger, in virtual time: a stalled or slow live source does not hold data back. */
class LingerTest {

    private static final ChannelDefinition A = channel("A:Live", 100);
    private static final ChannelDefinition B = channel("B:Live", 100);
    private static final Duration LINGER = Duration.ofMillis(200);

    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();

    private final List<PipelineEvent> events = new ArrayList<>();

    private Flux<PipelineEvent> scenario(TelemetrySource source) {
        Pipeline p = virtualPipeline(source, settings(1000, Duration.ofHours(1), LINGER, 0.5, GapPolicy.SPLIT));
        pipeline.set(p);
        return p.events().doOnNext(events::add);
    }

    @Test
    void aStalledSourceHasItsBlockSentAfterTheLingerTime() {
        TelemetrySource fiveThenStall = ctx -> paced(List.of(A, B), Duration.ofMillis(10), 5).samples(ctx)
                .concatWith(Flux.never());

        StepVerifier.withVirtualTime(() -> scenario(fiveThenStall))
                .expectSubscription()
                // five rows are too few to judge the rate: the probe holds them until the linger time has passed
                // since the first (at 10 ms), then the configuration and the block leave together at the 250 ms check
                .expectNoEvent(Duration.ofMillis(249))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(e -> assertInstanceOf(Configuration.class, e))
                .assertNext(e -> {
                    Block b = assertInstanceOf(Block.class, e);
                    assertEquals(5, b.length());
                    assertEquals(10 * MS, b.startNanos());
                    assertNull(b.status(1));
                })
                .thenCancel()
                .verify();
        assertEquals(10, pipeline.get().counters().snapshot().emitted());
    }

    @Test
    void aSteadySourceIsSentInLingerSizedContiguousBlocksWithoutLoss() {
        StepVerifier.withVirtualTime(() -> scenario(paced(List.of(A, B), Duration.ofMillis(10), 150)))
                .thenAwait(Duration.ofSeconds(2))
                .thenConsumeWhile(e -> true)
                .verifyComplete();

        List<Block> blocks = blocks(events);
        // Rows every 10 ms from 10 ms to 1500 ms; linger 200 ms is checked on ticks every 50 ms (linger / 4). The
        // first block starts at 10 ms, its linger passes at 210 ms, so the 250 ms tick cuts it: rows 10-230 (23),
        // the row at 240 ms being written is carried. Each next block starts at 240, 440, ... and is cut at the tick
        // 10 ms after its linger passed: 20 rows. The last 7 rows (1440-1500 ms) leave when the source completes.
        assertEquals(List.of(23, 20, 20, 20, 20, 20, 20, 7), blocks.stream().map(Block::length).toList(),
                "linger cuts the blocks");
        assertEquals(List.of(10L, 240L, 440L, 640L, 840L, 1040L, 1240L, 1440L),
                blocks.stream().map(b -> b.startNanos() / MS).toList());
        for (int i = 1; i < blocks.size(); i++) {
            assertEquals(blocks.get(i - 1).endNanos(), blocks.get(i).startNanos(), "block " + i + " is contiguous");
        }
        for (Block b : blocks) {
            assertNull(b.status(0));
            assertNull(b.status(1), "the row being written when linger struck was carried, not cut: " + b);
        }
        assertEquals(150, blocks.stream().mapToInt(Block::length).sum());
        CountersSnapshot c = pipeline.get().counters().snapshot();
        assertEquals(300, c.emitted());
        assertEquals(0, c.filled());
        assertBalanced(c);
        assertOrder(events);
    }
}
