package io.slipstream.csv;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A test context on a virtual-time scheduler that records what the source declares and reports. */
final class RecordingContext implements SourceContext {

    /** Epoch time the virtual clock's zero stands for: 2024-01-01T00:00:00Z. */
    static final long EPOCH = 1_704_067_200_000_000_000L;

    final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    final List<ChannelDefinition> channels = new ArrayList<>();
    final List<SessionMetadata> metadata = new ArrayList<>();
    final List<SourceProblem> problems = new ArrayList<>();

    @Override
    public void declareChannels(List<ChannelDefinition> list) {
        channels.addAll(list);
    }

    @Override
    public void sessionMetadata(SessionMetadata m) {
        metadata.add(m);
    }

    @Override
    public long nowNanos() {
        return EPOCH + scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public VirtualTimeScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void report(SourceProblem problem) {
        problems.add(problem);
    }
}
