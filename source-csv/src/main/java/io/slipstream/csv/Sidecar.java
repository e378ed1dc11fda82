package io.slipstream.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Channel metadata kept next to a CSV file, in YAML:
 * <pre>
 * session: { track: Spa, car: GT3, driver: A. Driver }
 * channels:
 *   vCar: { units: km/h, description: Car speed, group: Chassis, format: "%5.1f", min: 0, max: 350 }
 * </pre>
 *
 * @param channels details by channel name
 * @param session  session metadata fields (track, car, driver, sessionType)
 */
record Sidecar(Map<String, ChannelMeta> channels, Map<String, String> session) {

    /** No sidecar. */
    static final Sidecar NONE = new Sidecar(Map.of(), Map.of());

    /**
     * @param path the YAML file
     * @return its content
     * @throws CsvFileException naming the file and the entry when it cannot be read or has the wrong shape
     */
    static Sidecar load(Path path) {
        Object root;
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = new Load(LoadSettings.builder().setLabel(path.toString()).build()).loadFromReader(r);
        } catch (IOException e) {
            throw new CsvFileException(path + ": sidecar cannot be read (" + e.getMessage() + ")", e);
        } catch (YamlEngineException e) {
            throw new CsvFileException(path + ": sidecar is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return NONE;
        }
        Map<?, ?> top = map(path, "top level", root);
        Map<String, ChannelMeta> channels = new LinkedHashMap<>();
        Object ch = top.get("channels");
        if (ch != null) {
            map(path, "channels", ch).forEach((name, v) -> {
                Map<?, ?> m = map(path, "channels." + name, v);
                channels.put(String.valueOf(name), new ChannelMeta(text(m, "units"), text(m, "description"),
                        text(m, "group"), text(m, "format"), number(path, name, m, "min"), number(path, name, m, "max")));
            });
        }
        Map<String, String> session = new LinkedHashMap<>();
        Object s = top.get("session");
        if (s != null) {
            map(path, "session", s).forEach((k, v) -> session.put(String.valueOf(k), String.valueOf(v)));
        }
        return new Sidecar(channels, session);
    }

    /**
     * @param name a channel name
     * @return its details, or {@link ChannelMeta#NONE}
     */
    ChannelMeta channel(String name) {
        return channels.getOrDefault(name, ChannelMeta.NONE);
    }

    private static Map<?, ?> map(Path path, String where, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new CsvFileException(path + ": sidecar entry '" + where + "' must be a map");
        }
        return m;
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static Double number(Path path, Object channel, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new CsvFileException(path + ": sidecar entry 'channels." + channel + "." + key
                + "' must be a number, found '" + v + "'");
    }
}
