package io.slipstream.iracing.session;

import io.slipstream.spi.SessionMetadata;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.Schema;

/**
 * The few session-info keys a bridge needs (spec §3), read from the sanitised YAML with every scalar kept as
 * text, so that {@code 0xffffff}, {@code yes} or a date never change type.
 *
 * @param trackName        internal track id ({@code WeekendInfo.TrackName}), or null
 * @param trackDisplayName track shown to people ({@code WeekendInfo.TrackDisplayName}), or null
 * @param trackConfigName  layout name, or null
 * @param carName          the player's car ({@code CarScreenName} of the player's {@code Drivers} entry), or null
 * @param driverName       the player's {@code UserName}, or null
 * @param eventType        {@code WeekendInfo.EventType} ({@code Test}, {@code Race}, …), or null
 * @param buildVersion     the sim build, or null
 * @param category         {@code WeekendInfo.Category}, or null
 * @param sessionTypes     {@code SessionInfo.Sessions[].SessionType} by {@code SessionNum}
 * @param currentSession   {@code SessionInfo.CurrentSessionNum}, or -1 when absent (older builds)
 */
public record SessionInfo(String trackName, String trackDisplayName, String trackConfigName, String carName,
                          String driverName, String eventType, String buildVersion, String category,
                          Map<Integer, String> sessionTypes, int currentSession) {

    /** Every plain scalar, empty ones included, resolves to a string: nothing changes type or becomes null. */
    private static final Schema ALL_STRINGS = new Schema() {
        @Override
        public org.snakeyaml.engine.v2.resolver.ScalarResolver getScalarResolver() {
            return (value, implicit) -> Tag.STR;
        }

        @Override
        public Map<Tag, org.snakeyaml.engine.v2.api.ConstructNode> getSchemaTagConstructors() {
            return Map.of();
        }
    };

    /** Copies the session map. */
    public SessionInfo {
        sessionTypes = Map.copyOf(sessionTypes);
    }

    /**
     * Decodes, sanitises and parses the session info.
     *
     * @param bytes the YAML area as the sim wrote it
     * @return the keys found (absent keys are null)
     * @throws RuntimeException from the YAML parser when even the sanitised text is not YAML
     */
    public static SessionInfo parse(byte[] bytes) {
        return parse(SessionInfoText.decode(bytes));
    }

    /**
     * @param text decoded session info
     * @return the keys found (absent keys are null)
     */
    public static SessionInfo parse(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(ALL_STRINGS)
                .setAllowDuplicateKeys(true)
                .setLabel("iRacing session info")
                .build();
        Object root = new Load(settings).loadFromString(SessionInfoSanitizer.sanitize(text));
        Map<?, ?> doc = root instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> weekend = map(doc.get("WeekendInfo"));
        Map<?, ?> driverInfo = map(doc.get("DriverInfo"));
        Map<?, ?> player = player(driverInfo);
        Map<Integer, String> sessions = new LinkedHashMap<>();
        Map<?, ?> sessionInfo = map(doc.get("SessionInfo"));
        for (Object s : list(sessionInfo.get("Sessions"))) {
            Integer num = integer(map(s).get("SessionNum"));
            String type = string(map(s).get("SessionType"));
            if (num != null && type != null) {
                sessions.put(num, type);
            }
        }
        Integer current = integer(sessionInfo.get("CurrentSessionNum"));
        return new SessionInfo(string(weekend.get("TrackName")), string(weekend.get("TrackDisplayName")),
                string(weekend.get("TrackConfigName")), string(player.get("CarScreenName")),
                string(player.get("UserName")), string(weekend.get("EventType")),
                string(weekend.get("BuildVersion")), string(weekend.get("Category")), sessions,
                current == null ? -1 : current);
    }

    private static Map<?, ?> player(Map<?, ?> driverInfo) {
        Integer idx = integer(driverInfo.get("DriverCarIdx"));
        List<?> drivers = list(driverInfo.get("Drivers"));
        for (Object d : drivers) {
            if (idx != null && idx.equals(integer(map(d).get("CarIdx")))) {
                return map(d);
            }
        }
        return drivers.isEmpty() ? Map.of() : map(drivers.get(0));
    }

    /**
     * @param sessionNum the telemetry {@code SessionNum}, or -1 when unknown
     * @return that session's type, else the current session's, else the only one, else null
     */
    public String sessionType(int sessionNum) {
        String t = sessionTypes.get(sessionNum);
        if (t == null) {
            t = sessionTypes.get(currentSession);
        }
        if (t == null && sessionTypes.size() == 1) {
            t = sessionTypes.values().iterator().next();
        }
        return t;
    }

    /**
     * @param sessionNum the telemetry {@code SessionNum}, or -1 when unknown
     * @param start      when the session started, or null
     * @param origin     where the data came from (file name, "iRacing live")
     * @return metadata for the session identifier and details
     */
    public SessionMetadata toMetadata(int sessionNum, Instant start, String origin) {
        return new SessionMetadata(Map.of(), start)
                .with(SessionMetadata.TRACK, trackDisplayName != null ? trackDisplayName : trackName)
                .with(SessionMetadata.CAR, carName)
                .with(SessionMetadata.DRIVER, driverName)
                .with(SessionMetadata.SESSION_TYPE, sessionType(sessionNum))
                .with(SessionMetadata.ORIGIN, origin)
                .with("trackConfig", trackConfigName)
                .with("eventType", eventType)
                .with("category", category)
                .with("buildVersion", buildVersion);
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String string(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static Integer integer(Object o) {
        String s = string(o);
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
