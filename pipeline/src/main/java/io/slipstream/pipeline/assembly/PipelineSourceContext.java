package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/** The context a pipeline run gives its source: declarations go to the registry, problems to the counters. */
public final class PipelineSourceContext implements SourceContext {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSourceContext.class);

    private final ChannelRegistry registry;
    private final PipelineClock clock;
    private final PipelineCounters counters;

    /**
     * @param registry where declarations go
     * @param clock    the run's clock
     * @param counters where problems are counted
     */
    public PipelineSourceContext(ChannelRegistry registry, PipelineClock clock, PipelineCounters counters) {
        this.registry = registry;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void declareChannels(List<ChannelDefinition> channels) {
        registry.declare(channels);
    }

    @Override
    public void declareEvents(List<EventDefinition> events) {
        registry.declareEvents(events);
    }

    @Override
    public void sessionMetadata(SessionMetadata metadata) {
        registry.metadata(metadata);
    }

    @Override
    public long nowNanos() {
        return clock.nowNanos();
    }

    @Override
    public Scheduler scheduler() {
        return clock.scheduler();
    }

    @Override
    public void report(SourceProblem problem) {
        if (counters.problem(problem)) {
            LOG.warn("Source problem [{}] {}", problem.kind(), problem);
        } else {
            LOG.debug("Source problem [{}] {}", problem.kind(), problem);
        }
    }
}
