package io.slipstream.synthetic;

import io.slipstream.spi.MapSourceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code demo} preset: a car-like set of 30 channels at 1 kHz, 200 Hz, 50 Hz and 10 Hz, with a lap counter
 * and a pit flag so that lap and pit markers fire. Written as channel option maps, so it goes through the same
 * parser (and checks) as channels from a config file.
 */
final class DemoPreset {

    /** Lap time of the demo car. */
    static final String LAP_TIME = "30s";

    private DemoPreset() {
    }

    /** @return the channel option maps of the preset */
    static List<MapSourceConfig> channels() {
        List<MapSourceConfig> out = new ArrayList<>();
        // 1 kHz: chassis dynamics and driver inputs.
        add(out, "gLat", "sine", 1000, "g", "Chassis", 3.5, 0, "7s");
        add(out, "gLong", "cosine", 1000, "g", "Chassis", 2.0, 0, "5s");
        add(out, "gVert", "noise", 1000, "g", "Chassis", 0.3, 1, null);
        add(out, "rThrottle", "square", 1000, "%", "Driver", 50, 50, "6s");
        add(out, "pBrakeF", "ramp", 1000, "bar", "Driver", 80, 0, "6s");
        add(out, "pBrakeR", "ramp", 1000, "bar", "Driver", 60, 0, "6s");
        add(out, "aSteer", "sine", 1000, "deg", "Driver", 90, 0, "4s");
        for (String corner : List.of("FL", "FR", "RL", "RR")) {
            add(out, "xDamper" + corner, "noise", 1000, "mm", "Suspension", 15, 40, null);
        }
        // 200 Hz: engine.
        add(out, "nEngine", "sine", 200, "rpm", "Engine", 3000, 9000, "6s");
        add(out, "pOil", "noise", 200, "bar", "Engine", 0.2, 4.5, null);
        add(out, "pFuel", "noise", 200, "bar", "Engine", 0.1, 5, null);
        add(out, "rPedal", "square", 200, "%", "Engine", 50, 50, "6s");
        add(out, "vCar", "sine", 200, "km/h", "Chassis", 80, 180, "10s");
        add(out, "NGear", "ramp", 200, "", "Driver", 7, 1, "6s");
        // 50 Hz: temperatures.
        for (String corner : List.of("FL", "FR", "RL", "RR")) {
            add(out, "TTyre" + corner, "sine", 50, "degC", "Tyres", 10, 90, "40s");
            add(out, "TBrake" + corner, "ramp", 50, "degC", "Brakes", 400, 300, "20s");
        }
        add(out, "TOil", "ramp", 50, "degC", "Engine", 20, 90, "120s");
        add(out, "TWater", "ramp", 50, "degC", "Engine", 15, 85, "120s");
        // 10 Hz: session state.
        out.add(config(Map.of("name", "Lap", "kind", "lap-counter", "rate", 10, "lap-time", LAP_TIME, "group", "Session")));
        out.add(config(Map.of("name", "OnPitRoad", "kind", "pit-flag", "rate", 10, "period", "90s", "at", "78s",
                "duration", "12s", "group", "Session")));
        add(out, "FuelLevel", "ramp", 10, "l", "Session", -60, 100, "600s");
        return List.copyOf(out);
    }

    private static void add(List<MapSourceConfig> out, String name, String kind, int rate, String units, String group,
                            double amplitude, double offset, String period) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("rate", rate);
        m.put("units", units);
        m.put("group", group);
        m.put("amplitude", amplitude);
        m.put("offset", offset);
        if (period != null) {
            m.put("period", period);
        }
        out.add(config(m));
    }

    private static MapSourceConfig config(Map<String, ?> m) {
        return new MapSourceConfig(m, "preset[demo]", null, null);
    }
}
