package io.slipstream.iracing.session;

import io.slipstream.spi.SessionMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

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

    /** Copies the session map. */
    public SessionInfo {
        sessionTypes = Map.copyOf(sessionTypes);
    }

    /**
     * Decodes, sanitises and parses the session info.
     *
     * @param bytes the YAML area as the sim wrote it
     * @return the keys found (absent keys are null)
     * @throws SessionInfoException when even the sanitised text is not YAML
     */
    public static SessionInfo parse(byte[] bytes) {
        return parse(bytes, "iRacing");
    }

    /**
     * @param bytes the YAML area as the sim wrote it
     * @param where the input (file name, "iRacing live"), for errors
     * @return the keys found (absent keys are null)
     * @throws SessionInfoException naming the input, line and column when even the sanitised text is not YAML
     */
    public static SessionInfo parse(byte[] bytes, String where) {
        return parse(SessionInfoText.decode(bytes), where);
    }

    /**
     * @param text decoded session info
     * @return the keys found (absent keys are null)
     */
    public static SessionInfo parse(String text) {
        return parse(text, "iRacing");
    }

    /**
     * @param text  decoded session info
     * @param where the input, for errors
     * @return the keys found (absent keys are null)
     * @throws SessionInfoException naming the input, line and column when even the sanitised text is not YAML
     */
    public static SessionInfo parse(String text, String where) {
        LoadSettings settings = LoadSettings.builder()
                .setAllowDuplicateKeys(true)
                .setLabel(where + " session info")
                .build();
        String yaml = SessionInfoSanitizer.sanitize(text);
        Object root;
        try {
            YamlGuard.check(yaml, settings, where);
            root = new Compose(settings).composeString(yaml).map(SessionInfo::plain).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw new SessionInfoException(where, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    e.getProblem() == null ? e.getContext() : e.getProblem());
        } catch (YamlEngineException e) {
            throw new SessionInfoException(where, 0, 0, e.getMessage());
        }
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

    /**
     * Nodes to maps, lists and strings, every scalar kept as the text it was written as (whatever its tag), so
     * that {@code 0xffffff}, {@code yes}, a date or a forged {@code !!int} tag never change type. The depth was
     * checked before composing, and aliases are refused, so the walk is bounded by the text.
     */
    private static Object plain(Node node) {
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.put(k.getValue(), plain(t.getValueNode()));
                }
            }
            return out;
        }
        if (node instanceof SequenceNode s) {
            List<Object> out = new ArrayList<>(s.getValue().size());
            for (Node item : s.getValue()) {
                out.add(plain(item));
            }
            return out;
        }
        return node instanceof ScalarNode sc ? sc.getValue() : null;
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static String string(Object o) {
        if (!(o instanceof String text)) {
            return null; // absent, or a map or list where a name belongs
        }
        String s = text.strip();
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
