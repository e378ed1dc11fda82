package io.slipstream.spi;

import java.util.List;
import reactor.core.scheduler.Scheduler;

/**
 * What the engine gives a running source: where to declare channels and metadata, a clock, a scheduler,
 * and where to report bad input. One context per subscription.
 */
public interface SourceContext {

    /**
     * Declares channels. Call before the first sample of any of them; call again to add channels mid-session
     * (the sink then sends a new configuration before their first data). Declaring a channel twice is harmless.
     *
     * @param channels the channels, in the order they should appear in ATLAS
     */
    void declareChannels(List<ChannelDefinition> channels);

    /**
     * Declares events. Call before the first occurrence of any of them (emitted as
     * {@link EventDefinition#occurrence} samples); call again to add events mid-session. Declaring an event twice is
     * harmless.
     *
     * @param events the events, in the order they should appear in ATLAS
     * @throws UnsupportedOperationException from a context that predates events (the engine's own supports them)
     */
    default void declareEvents(List<EventDefinition> events) {
        throw new UnsupportedOperationException("this source context does not take events; declared " + events);
    }

    /**
     * Sets what the source knows about its session. Call before the first sample for it to shape the
     * session identifier. A later call whose fields differ (a new session type, say) updates the session's
     * details in ATLAS; the identifier stays.
     *
     * @param metadata track, car, driver, start and other details
     */
    void sessionMetadata(SessionMetadata metadata);

    /**
     * The clock that read times come from: wall-clock nanoseconds since the Unix epoch in production,
     * the virtual scheduler's time in tests.
     *
     * @return the current time in ns since the Unix epoch
     */
    long nowNanos();

    /**
     * The scheduler a real-time source paces itself on; under {@code StepVerifier.withVirtualTime} it is the
     * virtual-time scheduler.
     *
     * @return the scheduler for timed emissions
     */
    Scheduler scheduler();

    /**
     * Reports input that was bad but handled; never throw for one bad frame or line.
     *
     * @param problem what, where and how many samples it affected
     */
    void report(SourceProblem problem);
}
