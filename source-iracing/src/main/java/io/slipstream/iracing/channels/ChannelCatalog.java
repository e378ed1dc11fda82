package io.slipstream.iracing.channels;

import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an iRacing variable looks in ATLAS: its group (corner channels under {@code Tyres/LF},
 * {@code Suspension/RR}, … so the four corners sit side by side), its units and a display range guessed from
 * units and type (the var headers carry no range).
 */
public final class ChannelCatalog {

    /** The application part of every identifier: {@code Speed:iRacing}. */
    public static final String APPLICATION = "iRacing";

    private static final Pattern CORNER = Pattern.compile("^(?:dp|Tire)?_?(LF|RF|LR|RR)_?(.*)$");
    private static final Pattern HEAVE_ROLL = Pattern.compile("^(CF|CR|HF|HR|ROLLF|ROLLR)(shock|SR).*");

    private static final Map<String, double[]> RANGE_BY_UNIT = Map.ofEntries(
            Map.entry("%", new double[] {0, 1}),
            Map.entry("m/s", new double[] {-5, 120}),
            Map.entry("revs/min", new double[] {0, 20_000}),
            Map.entry("RPM", new double[] {0, 20_000}),
            Map.entry("s", new double[] {0, 3_600}),
            Map.entry("m", new double[] {0, 25_000}),
            Map.entry("C", new double[] {0, 150}),
            Map.entry("kPa", new double[] {0, 400}),
            Map.entry("Pa", new double[] {0, 400_000}),
            Map.entry("bar", new double[] {0, 10}),
            Map.entry("l", new double[] {0, 150}),
            Map.entry("rad", new double[] {-10, 10}),
            Map.entry("rad/s", new double[] {-10, 10}),
            Map.entry("m/s^2", new double[] {-50, 50}),
            Map.entry("deg", new double[] {-180, 180}),
            Map.entry("kg", new double[] {0, 200}),
            Map.entry("N*m", new double[] {-50, 50}),
            Map.entry("Nm", new double[] {-500, 500}),
            Map.entry("W", new double[] {-500_000, 500_000}),
            Map.entry("V", new double[] {0, 20}),
            Map.entry("kg/h", new double[] {0, 200}),
            Map.entry("Hz", new double[] {0, 1_000}),
            Map.entry("fps", new double[] {0, 500}));

    private ChannelCatalog() {
    }

    /**
     * @param name a variable name
     * @return the ATLAS group path for it
     */
    public static String groupOf(String name) {
        Matcher corner = CORNER.matcher(name);
        if (corner.matches() && !corner.group(2).isEmpty()) {
            String rest = corner.group(2).toLowerCase();
            String kind = rest.contains("shock") || rest.contains("rideheight") || rest.contains("spring")
                    ? "Suspension" : rest.contains("brake") ? "Brakes" : "Tyres";
            return kind + "/" + corner.group(1);
        }
        if (HEAVE_ROLL.matcher(name).matches()) {
            return "Suspension/Heave and roll";
        }
        if (name.startsWith("CarIdx")) {
            return "Cars";
        }
        if (name.startsWith("Lap") || name.equals("RaceLaps")) {
            return "Lap";
        }
        if (name.startsWith("Pit") || name.startsWith("dp") || name.startsWith("FastRepair")
                || name.equals("OnPitRoad") || name.equals("PlayerCarInPitStall")) {
            return "Pit";
        }
        if (name.matches("(Throttle|Brake|Clutch|Steering|Handbrake|Shift|Gear|PushToPass|dc).*")) {
            return "Driver";
        }
        if (name.matches("(RPM|Engine|Fuel|Oil|Water|Voltage|Manifold|Energy|Power|Torque|DRS|P2P).*")) {
            return "Powertrain";
        }
        if (name.matches("(Speed|Yaw|Pitch|Roll|Velocity|LatAccel|LongAccel|VertAccel|Lat|Lon|Alt)(_ST)?.*")) {
            return "Motion";
        }
        if (name.matches("(Track|Air|Wind|Weather|Fog|Skies|Solar|Precipitation|RelativeHumidity).*")) {
            return "Environment";
        }
        if (name.matches("(Session|Replay|Cam|Frame|Cpu|Gpu|Chan|Display|IsDisk|IsReplay|DC).*")) {
            return "Session";
        }
        return "Car";
    }

    /**
     * @param var a variable
     * @return its units for ATLAS; enum "units" such as {@code irsdk_TrkLoc} are not units and give null
     */
    public static String unitsOf(VarHeader var) {
        String u = var.unit();
        return u == null || u.isBlank() || u.startsWith("irsdk_") ? null : u;
    }

    /**
     * @param var a variable
     * @return a display range {lo, hi}
     */
    public static double[] rangeOf(VarHeader var) {
        if (var.type() == VarType.BOOL) {
            return new double[] {0, 1};
        }
        if (var.type() == VarType.BIT_FIELD) {
            return new double[] {0, 4_294_967_295.0};
        }
        double[] r = RANGE_BY_UNIT.get(var.unit());
        if (r != null) {
            return r.clone();
        }
        if (var.unit() != null && var.unit().startsWith("irsdk_")) {
            return new double[] {-1, 10};
        }
        return var.type() == VarType.INT || var.type() == VarType.CHAR ? new double[] {0, 100} : new double[] {0, 1};
    }
}
