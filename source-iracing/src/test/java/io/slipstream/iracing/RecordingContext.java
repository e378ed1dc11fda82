package io.slipstream.iracing;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** A {@link SourceContext} that records what the source declares and reports; time from its scheduler. */
public final class RecordingContext implements SourceContext {

    /** Channels declared, each call's list in order. */
    public final List<List<ChannelDefinition>> declared = new CopyOnWriteArrayList<>();
    /** Problems reported. */
    public final List<SourceProblem> problems = new CopyOnWriteArrayList<>();
    /** The last metadata given. */
    public final AtomicReference<SessionMetadata> metadata = new AtomicReference<>();
    private final Scheduler scheduler;

    /** @param scheduler the clock and pacing scheduler */
    public RecordingContext(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A context on the real clock. */
    public RecordingContext() {
        this(Schedulers.parallel());
    }

    @Override
    public void declareChannels(List<ChannelDefinition> channels) {
        declared.add(List.copyOf(channels));
    }

    @Override
    public void sessionMetadata(SessionMetadata m) {
        metadata.set(m);
    }

    @Override
    public long nowNanos() {
        return scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void report(SourceProblem problem) {
        problems.add(problem);
    }

    /** @param kind a problem kind @return how many of that kind were reported */
    public long count(String kind) {
        return problems.stream().filter(p -> p.kind().equals(kind)).count();
    }
}
