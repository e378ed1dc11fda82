package io.slipstream.iracing.events;

import io.slipstream.iracing.channels.ChannelCatalog;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;

/**
 * The repairs-needed event: {@code PitRepairLeft}, the time the mandatory repairs will take, goes from zero to
 * above zero, so the car took damage it must be repaired for. Our iRacing spec lists no "repairs needed" bit in
 * {@code EngineWarnings}; this variable is where the spec has the information.
 */
public final class RepairsNeeded {

    /** Seconds of mandatory repairs left. */
    public static final String VARIABLE = "PitRepairLeft";

    /** The definition: value the mandatory repair time at that moment, in seconds. */
    public static final EventDefinition DEFINITION = EventDefinition.builder("RepairsNeeded:"
                    + ChannelCatalog.APPLICATION)
            .name("Repairs needed")
            .description("Mandatory repairs became needed (" + VARIABLE + " rose above zero)")
            .priority(EventPriority.HIGH)
            .value("Repair time", "s")
            .build();

    private RepairsNeeded() {
    }

    /**
     * @param vars the layout
     * @return a watcher of the repair time, or null when the layout lacks it
     */
    static RowWatcher watcher(VarTable vars) {
        VarHeader var = vars.get(VARIABLE);
        if (var == null) {
            return null;
        }
        return new NumberWatcher(var, DEFINITION, (last, now, timeNanos, out) -> {
            if (last <= 0 && now > 0) {
                out.add(DEFINITION.occurrence(timeNanos, now));
            }
        });
    }
}
