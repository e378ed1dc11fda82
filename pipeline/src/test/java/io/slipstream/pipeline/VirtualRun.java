package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.assertBalanced;
import static io.slipstream.pipeline.Fixtures.assertOrder;
import static io.slipstream.pipeline.Fixtures.assertTimesAdvance;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;

import io.slipstream.spi.TelemetrySource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import reactor.test.StepVerifier;

/**
 * One pipeline run to its end in virtual time, with the order rules, the time rules and the counters' balance
 * checked on every run; the pipeline is kept so that a test can read its final counters.
 */
final class VirtualRun {

    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();

    /** @return every event the pipeline emitted, in order */
    List<PipelineEvent> run(TelemetrySource source, PipelineSettings settings) {
        List<PipelineEvent> events = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> {
                    return keep(virtualPipeline(source, settings)).events();
                })
                .recordWith(() -> events)
                .thenConsumeWhile(e -> true)
                .verifyComplete();
        assertOrder(events);
        assertTimesAdvance(events);
        assertBalanced(counters());
        return events;
    }

    /** @param p a pipeline a test runs its own way @return it, kept for {@link #counters()} */
    Pipeline keep(Pipeline p) {
        pipeline.set(p);
        return p;
    }

    /** @return the counters of the last run */
    CountersSnapshot counters() {
        return pipeline.get().counters().snapshot();
    }
}
