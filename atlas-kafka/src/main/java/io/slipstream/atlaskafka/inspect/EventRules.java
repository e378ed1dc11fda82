package io.slipstream.atlaskafka.inspect;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventPacket;

/**
 * Every {@code EventPacket} is defined by an {@code EventDefinition} of an earlier configuration on its stream. The
 * protocol lets a packet name its event either by a data-format id from GetEventDataFormatId or by the event
 * identifier itself; both are accepted, an id being resolved through the Stream API's definitions on Kafka.
 */
final class EventRules {

    private final DataFormatRegistry formats;

    /** @param formats the data-format definitions read from the data source's topics */
    EventRules(DataFormatRegistry formats) {
        this.formats = formats;
    }

    /**
     * @param lp      the record
     * @param event   its content
     * @param defined the event identifiers the configurations before it on this stream define
     * @param report  where violations go
     */
    void check(LandedPacket lp, EventPacket event, Set<String> defined, Report report) {
        String at = " at " + Nanos.describe(event.getTimestamp());
        EventDataFormat f = event.getDataFormat();
        Optional<String> identifier;
        String how;
        if (f.hasEventIdentifier()) {
            identifier = Optional.of(f.getEventIdentifier());
            how = "event '" + f.getEventIdentifier() + "'";
        } else {
            long id = f.getDataFormatIdentifier();
            if (id == 0) {
                report.add(SessionRuleChecker.EVENT_DEFINED, lp, "Event" + at + " names no data format and no event "
                        + "identifier; expected one of them");
                return;
            }
            identifier = formats.event(id);
            how = "event data format " + id + identifier.map(e -> " ('" + e + "')").orElse("");
            if (identifier.isEmpty()) {
                if (formats.parameters(id).isPresent()) {
                    report.add(SessionRuleChecker.EVENT_DEFINED, lp, how + at + " names parameters "
                            + formats.parameters(id).get() + ", not an event; expected an id from GetEventDataFormatId");
                } else if (!formats.isEmpty()) {
                    report.add(SessionRuleChecker.EVENT_DEFINED, lp, how + at + " was never defined on this data source; "
                            + "expected an id from GetEventDataFormatId");
                }
                return;
            }
        }
        if (!defined.contains(identifier.get())) {
            report.add(SessionRuleChecker.EVENT_DEFINED, lp, how + at + " has no EventDefinition in a configuration "
                    + "sent before it on this stream" + (defined.isEmpty() ? " (none defines an event)" : "; defined: "
                    + new TreeSet<>(defined)));
        }
    }
}
