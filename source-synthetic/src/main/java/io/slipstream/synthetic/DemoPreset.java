package io.slipstream.synthetic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code demo} preset: a car-like set of 30 channels at 1 kHz, 200 Hz, 50 Hz and 10 Hz, with a lap counter
 * and a pit flag so that lap and pit markers fire. Written as channel options ({@link PresetConfig}), so it goes
 * through the same parser (and checks) as channels from a config file.
 */
final class DemoPreset {

    /** Lap time of the demo car. */
    static final Duration LAP_TIME = Duration.ofSeconds(30);

    private DemoPreset() {
    }

    /** @return the channel options of the preset */
    static List<PresetConfig> channels() {
        List<PresetConfig> out = new ArrayList<>();
        // 1 kHz: chassis dynamics and driver inputs.
        add(out, "gLat", "sine", 1000, "g", "Chassis", 3.5, 0, 7);
        add(out, "gLong", "cosine", 1000, "g", "Chassis", 2.0, 0, 5);
        add(out, "gVert", "noise", 1000, "g", "Chassis", 0.3, 1, 0);
        add(out, "rThrottle", "square", 1000, "%", "Driver", 50, 50, 6);
        add(out, "pBrakeF", "ramp", 1000, "bar", "Driver", 80, 0, 6);
        add(out, "pBrakeR", "ramp", 1000, "bar", "Driver", 60, 0, 6);
        add(out, "aSteer", "sine", 1000, "deg", "Driver", 90, 0, 4);
        for (String corner : List.of("FL", "FR", "RL", "RR")) {
            add(out, "xDamper" + corner, "noise", 1000, "mm", "Suspension", 15, 40, 0);
        }
        // 200 Hz: engine.
        add(out, "nEngine", "sine", 200, "rpm", "Engine", 3000, 9000, 6);
        add(out, "pOil", "noise", 200, "bar", "Engine", 0.2, 4.5, 0);
        add(out, "pFuel", "noise", 200, "bar", "Engine", 0.1, 5, 0);
        add(out, "rPedal", "square", 200, "%", "Engine", 50, 50, 6);
        add(out, "vCar", "sine", 200, "km/h", "Chassis", 80, 180, 10);
        add(out, "NGear", "ramp", 200, "", "Driver", 7, 1, 6);
        // 50 Hz: temperatures.
        for (String corner : List.of("FL", "FR", "RL", "RR")) {
            add(out, "TTyre" + corner, "sine", 50, "degC", "Tyres", 10, 90, 40);
            add(out, "TBrake" + corner, "ramp", 50, "degC", "Brakes", 400, 300, 20);
        }
        add(out, "TOil", "ramp", 50, "degC", "Engine", 20, 90, 120);
        add(out, "TWater", "ramp", 50, "degC", "Engine", 15, 85, 120);
        // 10 Hz: session state.
        out.add(config(Map.of("name", "Lap", "kind", "lap-counter", "rate", 10, "lap-time", LAP_TIME, "group", "Session")));
        out.add(config(Map.of("name", "OnPitRoad", "kind", "pit-flag", "rate", 10, "period", Duration.ofSeconds(90),
                "at", Duration.ofSeconds(78), "duration", Duration.ofSeconds(12), "group", "Session")));
        add(out, "FuelLevel", "ramp", 10, "l", "Session", -60, 100, 600);
        return List.copyOf(out);
    }

    private static void add(List<PresetConfig> out, String name, String kind, int rate, String units, String group,
                            double amplitude, double offset, int periodSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("rate", rate);
        m.put("units", units);
        m.put("group", group);
        m.put("amplitude", amplitude);
        m.put("offset", offset);
        if (periodSeconds > 0) {
            m.put("period", Duration.ofSeconds(periodSeconds));
        }
        out.add(config(m));
    }

    private static PresetConfig config(Map<String, ?> m) {
        return new PresetConfig("preset[demo].channels[" + m.get("name") + "]", m);
    }
}
