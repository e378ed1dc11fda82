package io.slipstream.iracing;

import io.slipstream.spi.SampleValue;
import java.util.Arrays;
import java.util.List;

/**
 * An event occurrence as the tests compare it: which event, when, and its values.
 *
 * @param identifier the event's identifier
 * @param timeNanos  its read time
 * @param values     its values, in declared order
 */
public record Happening(String identifier, long timeNanos, List<Double> values) {

    /**
     * @param identifier the event's identifier
     * @param timeNanos  its read time
     * @param values     its values
     * @return the happening
     */
    public static Happening of(String identifier, long timeNanos, double... values) {
        return new Happening(identifier, timeNanos, Arrays.stream(values).boxed().toList());
    }

    /** @param emitted what a source emitted @return its event occurrences, in order */
    public static List<Happening> in(List<SampleValue> emitted) {
        return emitted.stream().filter(SampleValue::isEvent)
                .map(s -> new Happening(s.channel().event().identifier(), s.timeNanos(),
                        Arrays.stream(s.eventValues()).boxed().toList()))
                .toList();
    }
}
