package io.slipstream.iracing.channels;

import java.util.List;

/** Named channel sets for the {@code channels} option. */
public enum ChannelPreset {
    /** About twenty key channels: speed, engine, driver inputs, lap, fuel, pit road, session clock. */
    ESSENTIAL(List.of("SessionTime", "Lap", "LapCompleted", "LapDist", "LapDistPct", "LapCurrentLapTime",
            "LapLastLapTime", "Speed", "RPM", "Gear", "Throttle", "Brake", "Clutch", "SteeringWheelAngle",
            "FuelLevel", "FuelLevelPct", "OnPitRoad", "PlayerTrackSurface", "IsOnTrack", "LatAccel", "LongAccel",
            "WaterTemp", "OilTemp")),
    /** Every numeric variable of the car, arrays expanded with an index suffix. */
    FULL(null);

    private final List<String> names;

    ChannelPreset(List<String> names) {
        this.names = names;
    }

    /** @return the variable names of the preset, or null for {@link #FULL} (every variable) */
    public List<String> names() {
        return names;
    }

    /**
     * @param word a preset name as written in config, any case
     * @return the preset, or null when the word names no preset
     */
    public static ChannelPreset named(String word) {
        for (ChannelPreset p : values()) {
            if (p.name().equalsIgnoreCase(word.strip())) {
                return p;
            }
        }
        return null;
    }
}
