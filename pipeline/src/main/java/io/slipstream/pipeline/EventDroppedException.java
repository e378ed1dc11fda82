package io.slipstream.pipeline;

import io.slipstream.spi.EventDefinition;

/**
 * An event occurrence would have been dropped by an overflow policy that drops samples. Samples may be lost under
 * load by choice; an incident or a red flag may not, so the run stops and says which occurrence it was.
 */
public final class EventDroppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param event     the event
     * @param timeNanos the occurrence's read time, ns since the Unix epoch
     * @param policy    the overflow policy that would have dropped it
     * @param capacity  the buffer size in samples
     */
    public EventDroppedException(EventDefinition event, long timeNanos, OverflowPolicy policy, int capacity) {
        super("event " + event.identifier() + " at " + timeNanos + " ns would have been dropped: the buffer of "
                + capacity + " samples between source and pipeline was full and overflow policy '"
                + policy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "' drops items, but events are"
                + " never dropped (give overflow.buffer more room, or use overflow.policy block for a replay)");
    }
}
