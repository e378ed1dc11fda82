package io.slipstream.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.scheduler.Scheduler;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Builds synthetic sources from option maps and runs them in virtual time. */
final class SyntheticFixtures {

    /** One millisecond in ns. */
    static final long MS = 1_000_000L;

    private SyntheticFixtures() {
    }

    /** @return a recording context on a fresh virtual-time scheduler, its zero at {@link RecordingSourceContext#TEST_EPOCH} */
    static RecordingSourceContext<VirtualTimeScheduler> virtualContext() {
        return new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);
    }

    static TelemetrySource source(Map<String, Object> options) {
        return new SyntheticSourceProvider().create(ConfigSection.of(options));
    }

    static Map<String, Object> options(String pacing, Object... channels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pacing", pacing);
        m.put("channels", List.of(channels));
        return m;
    }

    static Map<String, Object> channel(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Runs a real-time source for a stretch of virtual time, expecting a number of samples in it, and returns them.
     * (StepVerifier matches the samples emitted while the clock advances against the steps that follow thenAwait.)
     */
    static List<SampleValue> runFor(RecordingSourceContext<VirtualTimeScheduler> context, TelemetrySource source,
                                    Duration time, int expected) {
        List<SampleValue> out = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> source.samples(context).doOnNext(out::add), context::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(time)
                .expectNextCount(expected)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertEquals(expected, out.size(), "samples within " + time);
        return out;
    }

    /**
     * A context with only the methods every context had before events ({@code declareEvents} keeps its throwing
     * default), each passed on to a recording context.
     *
     * @param to           the context that records and keeps the clock
     * @param afterDeclare runs after each channel declaration (to make declaring take clock time, say)
     * @return the context
     */
    static SourceContext withoutEvents(RecordingSourceContext<?> to, Runnable afterDeclare) {
        return new SourceContext() {
            @Override
            public void declareChannels(List<ChannelDefinition> channels) {
                to.declareChannels(channels);
                afterDeclare.run();
            }

            @Override
            public void sessionMetadata(SessionMetadata metadata) {
                to.sessionMetadata(metadata);
            }

            @Override
            public long nowNanos() {
                return to.nowNanos();
            }

            @Override
            public Scheduler scheduler() {
                return to.scheduler();
            }

            @Override
            public void report(SourceProblem problem) {
                to.report(problem);
            }
        };
    }

    /**
     * @param out samples of a run
     * @return their read times relative to {@link RecordingSourceContext#TEST_EPOCH}, in ns
     */
    static List<Long> elapsed(List<SampleValue> out) {
        return out.stream().map(v -> v.timeNanos() - RecordingSourceContext.TEST_EPOCH).toList();
    }
}
