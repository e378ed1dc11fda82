package io.slipstream.testkit;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link SourceContext} for testing a source: it records what the source declares (channels and events) and
 * reports, and takes its clock from a scheduler, so that under {@code StepVerifier.withVirtualTime} (pass the
 * {@code VirtualTimeScheduler}) the source's pacing and read times follow virtual time.
 *
 * <pre>{@code
 * VirtualTimeScheduler vts = VirtualTimeScheduler.create();
 * RecordingSourceContext<VirtualTimeScheduler> ctx = new RecordingSourceContext<>(vts, RecordingSourceContext.TEST_EPOCH);
 * StepVerifier.withVirtualTime(() -> source.samples(ctx), ctx::scheduler, Long.MAX_VALUE) ...
 * }</pre>
 *
 * @param <S> the scheduler's type, so that tests get their {@code VirtualTimeScheduler} back without a cast
 */
public final class RecordingSourceContext<S extends Scheduler> implements SourceContext {

    /** A convenient epoch for virtual time's zero: 2024-01-01T00:00:00Z in ns. */
    public static final long TEST_EPOCH = 1_704_067_200_000_000_000L;

    private final S scheduler;
    private final long epochNanos;
    private final List<List<ChannelDefinition>> declarations = new CopyOnWriteArrayList<>();
    private final List<List<EventDefinition>> eventDeclarations = new CopyOnWriteArrayList<>();
    private final List<SessionMetadata> metadata = new CopyOnWriteArrayList<>();
    private final List<SourceProblem> problems = new CopyOnWriteArrayList<>();

    /**
     * @param scheduler  the scheduler the source paces itself on, and the clock
     * @param epochNanos what the scheduler's time zero stands for, ns since the Unix epoch (0 for a real clock,
     *                   whose {@code now} is already epoch time)
     */
    public RecordingSourceContext(S scheduler, long epochNanos) {
        this.scheduler = scheduler;
        this.epochNanos = epochNanos;
    }

    /** @return a context on the real clock and {@link Schedulers#parallel()} */
    public static RecordingSourceContext<Scheduler> realTime() {
        return new RecordingSourceContext<>(Schedulers.parallel(), 0);
    }

    @Override
    public void declareChannels(List<ChannelDefinition> channels) {
        declarations.add(List.copyOf(channels));
    }

    @Override
    public void declareEvents(List<EventDefinition> events) {
        eventDeclarations.add(List.copyOf(events));
    }

    @Override
    public void sessionMetadata(SessionMetadata m) {
        metadata.add(m);
    }

    @Override
    public long nowNanos() {
        return epochNanos + scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public S scheduler() {
        return scheduler;
    }

    @Override
    public void report(SourceProblem problem) {
        problems.add(problem);
    }

    /** @return each {@link #declareChannels} call's list, in order */
    public List<List<ChannelDefinition>> declarations() {
        return List.copyOf(declarations);
    }

    /** @return every channel declared, in declaration order */
    public List<ChannelDefinition> channels() {
        List<ChannelDefinition> all = new ArrayList<>();
        declarations.forEach(all::addAll);
        return all;
    }

    /** @return each {@link #declareEvents} call's list, in order */
    public List<List<EventDefinition>> eventDeclarations() {
        return List.copyOf(eventDeclarations);
    }

    /** @return every event declared, in declaration order */
    public List<EventDefinition> events() {
        List<EventDefinition> all = new ArrayList<>();
        eventDeclarations.forEach(all::addAll);
        return all;
    }

    /** @return every metadata given, in order */
    public List<SessionMetadata> metadata() {
        return List.copyOf(metadata);
    }

    /** @return the last metadata given, or null */
    public SessionMetadata lastMetadata() {
        return metadata.isEmpty() ? null : metadata.get(metadata.size() - 1);
    }

    /** @return the problems reported, in order */
    public List<SourceProblem> problems() {
        return List.copyOf(problems);
    }

    /**
     * @param kind a problem kind
     * @return how many problems of that kind were reported
     */
    public long count(String kind) {
        return problems.stream().filter(p -> p.kind().equals(kind)).count();
    }
}
