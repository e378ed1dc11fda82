package io.slipstream.iracing.events;

import io.slipstream.iracing.channels.ChannelCatalog;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;

/**
 * The incident event: each rise of the player's incident count, with the increase and the new total. A count
 * that goes down (a new session starts again from zero) is a new baseline, not an event.
 */
public final class Incident {

    /** The player's own count; in a team event, only the player's incidents. */
    public static final String VARIABLE = "PlayerCarMyIncidentCount";
    /**
     * The fallback where {@link #VARIABLE} is missing: the count of the driver in the player's car, the player's
     * own in a solo session. The team's count is not used: it includes team-mates' incidents.
     */
    public static final String FALLBACK = "PlayerCarDriverIncidentCount";

    /** The definition: values the increase and the new total, both in incidents ({@code x}). */
    public static final EventDefinition DEFINITION = EventDefinition.builder("Incident:" + ChannelCatalog.APPLICATION)
            .name("Incident")
            .description("The player's incident count rose (" + VARIABLE + ", or " + FALLBACK
                    + " where the sim lacks it)")
            .priority(EventPriority.HIGH)
            .value("Increase", "x")
            .value("Total", "x")
            .build();

    private Incident() {
    }

    /**
     * @param vars the layout
     * @return a watcher of the incident count, or null when the layout has neither variable
     */
    static RowWatcher watcher(VarTable vars) {
        VarHeader var = vars.get(VARIABLE) != null ? vars.get(VARIABLE) : vars.get(FALLBACK);
        if (var == null) {
            return null;
        }
        return new NumberWatcher(var, DEFINITION, (last, now, timeNanos, out) -> {
            if (now > last) {
                out.add(DEFINITION.occurrence(timeNanos, now - last, now));
            }
        });
    }
}
