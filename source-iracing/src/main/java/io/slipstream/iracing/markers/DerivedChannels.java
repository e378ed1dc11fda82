package io.slipstream.iracing.markers;

import io.slipstream.iracing.channels.ChannelCatalog;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.DataType;
import java.util.List;
import java.util.Map;

/**
 * The three clean channels the source derives for markers, and the pipeline marker rules that turn them into
 * ATLAS markers. The detection lives here, next to the data it understands; the pipeline's generic counter rule
 * does the rest, so markers keep the sample clock and follow the blocks like any other.
 */
public final class DerivedChannels {

    /** Name of the lap counter: the sim's completed-lap number, changed only at robust crossings. */
    public static final String LAP_MARKER = "LapMarker";
    /** Name of the confirmed pit-entry counter. */
    public static final String PIT_ENTRIES = "PitEntries";
    /** Name of the confirmed pit-exit counter. */
    public static final String PIT_EXITS = "PitExits";

    private DerivedChannels() {
    }

    /**
     * @param hz the tick rate
     * @return the three definitions: lap marker, pit entries, pit exits
     */
    public static List<ChannelDefinition> definitions(double hz) {
        return List.of(
                counter(LAP_MARKER, "Completed lap number, changed only at a confirmed start/finish crossing"
                        + " (missing until the first live row)", hz),
                counter(PIT_ENTRIES, "Confirmed pit-road entries (debounced OnPitRoad rising edges)", hz),
                counter(PIT_EXITS, "Confirmed pit-road exits (debounced OnPitRoad falling edges)", hz));
    }

    private static ChannelDefinition counter(String name, String description, double hz) {
        return ChannelDefinition.builder(name + ":" + ChannelCatalog.APPLICATION)
                .description(description)
                .range(0, 500)
                .frequencyHz(hz)
                .dataType(DataType.SINT32)
                .group("Markers")
                .build();
    }

    /**
     * The pipeline {@code markers:} section for iRacing, as a YAML-shaped map:
     * <pre>
     * markers:
     *   out-lap: true
     *   rules:
     *     - { kind: counter, channel: "LapMarker:iRacing",  label: "Lap {value}", type: "Lap Trigger" }
     *     - { kind: counter, channel: "PitEntries:iRacing", label: "Pit In",      type: "Pit In" }
     *     - { kind: counter, channel: "PitExits:iRacing",   label: "Pit Out",     type: "Pit Out" }
     * </pre>
     *
     * @return the {@code markers} section's content (keys {@code out-lap} and {@code rules})
     */
    public static Map<String, Object> defaultMarkerConfig() {
        return Map.of("out-lap", true, "rules", List.of(
                rule(LAP_MARKER, "Lap {value}", "Lap Trigger"),
                rule(PIT_ENTRIES, "Pit In", "Pit In"),
                rule(PIT_EXITS, "Pit Out", "Pit Out")));
    }

    private static Map<String, Object> rule(String channel, String label, String type) {
        return Map.of("kind", "counter", "channel", channel + ":" + ChannelCatalog.APPLICATION,
                "label", label, "type", type);
    }
}
