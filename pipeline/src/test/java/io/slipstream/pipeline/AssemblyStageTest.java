package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.assertBalanced;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.grid;
import static io.slipstream.pipeline.Fixtures.rows;
import static io.slipstream.pipeline.Fixtures.sized;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.TelemetrySource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The pipeline's serial stage ({@link AssemblyFlux}): how a run ends. */
class AssemblyStageTest {

    private static final ChannelDefinition A = channel("A:Live", 1000);
    private static final long MS = 1_000_000L;

    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private final List<PipelineEvent> events = new ArrayList<>();

    private Flux<PipelineEvent> scenario(TelemetrySource source, PipelineSettings settings) {
        Pipeline p = virtualPipeline(source, settings);
        pipeline.set(p);
        return p.events().doOnNext(events::add);
    }

    private CountersSnapshot counters() {
        return pipeline.get().counters().snapshot();
    }

    @Test
    void aFailingSourceHasWhatWasAssembledSentBeforeItsError() {
        IllegalStateException boom = new IllegalStateException("the device went away");
        TelemetrySource failsAfter25 = ctx -> rows(List.of(A), grid(0, MS, 25)).samples(ctx)
                .concatWith(Flux.error(boom));

        StepVerifier.withVirtualTime(() -> scenario(failsAfter25, sized(10)))
                .assertNext(e -> assertInstanceOf(Configuration.class, e))
                .expectNextCount(3) // two full blocks, then the open one with the last five samples
                .expectErrorSatisfies(e -> assertEquals(boom, e))
                .verify();

        List<Block> blocks = blocks(events);
        assertEquals(List.of(10, 10, 5), blocks.stream().map(Block::length).toList());
        CountersSnapshot c = counters();
        assertEquals(25, c.received());
        assertEquals(25, c.emitted(), "nothing was lost to the error: " + c);
        assertBalanced(c);
    }

    @Test
    void aSourceWithoutSamplesCompletesWithNothingToSend() {
        TelemetrySource empty = ctx -> Flux.empty();

        StepVerifier.withVirtualTime(() -> scenario(empty, sized(10)))
                .verifyComplete();

        assertTrue(events.isEmpty(), events.toString());
        assertBalanced(counters());
    }
}
