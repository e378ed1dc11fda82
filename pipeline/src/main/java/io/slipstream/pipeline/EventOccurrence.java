package io.slipstream.pipeline;

import io.slipstream.spi.EventDefinition;

import java.util.Objects;

/**
 * One occurrence of a declared event, sent after the configuration that defines it and in time order with the
 * data: it becomes one {@code EventPacket}. Events are never dropped by an overflow policy that drops samples.
 *
 * @param definition the event
 * @param timeNanos  when it happened (the source's read time), ns since the Unix epoch
 * @param values     one value per declared value of the definition; never mutated
 */
public record EventOccurrence(EventDefinition definition, long timeNanos, double[] values) implements PipelineEvent {

    /** Checks the definition and the number of values. */
    public EventOccurrence {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(values, "values");
        if (values.length != definition.values().size()) {
            throw new IllegalArgumentException(definition + " has " + definition.values().size()
                    + " value(s), got " + values.length);
        }
    }
}
