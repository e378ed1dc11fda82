package io.slipstream.pipeline.config;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The engine's typed view of one section of a config, over a plain map as a YAML parser or a test produces it.
 * Sources see it as their {@link SourceConfig}; the engine's own settings (pipeline, sink, metrics) read it as this
 * type, with {@link #section} and {@link #sections} for their nested parts, so that they do not depend on the
 * plug-in interface.
 *
 * <p>Values may be strings, numbers, booleans, lists and nested maps. Keys are reported as full paths
 * ({@code pipelines[0].source.rate}); a locator turns a path into {@code file:line} when the map came from a file.
 */
public final class ConfigSection implements SourceConfig {

    private final Map<String, Object> values;
    private final String prefix;
    private final Function<String, String> locator;
    private final Path baseDir;

    /**
     * @param values  the options; copied
     * @param prefix  the path of this map in its file, e.g. {@code pipelines[0].source}; may be empty
     * @param locator full key path to {@code file:line}, or to null when unknown
     * @param baseDir the folder relative paths resolve against
     */
    public ConfigSection(Map<String, ?> values, String prefix, Function<String, String> locator, Path baseDir) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.prefix = prefix == null ? "" : prefix;
        this.locator = locator == null ? k -> null : locator;
        this.baseDir = baseDir == null ? Path.of("") : baseDir;
    }

    /**
     * A config with no file behind it, for tests and programmatic use.
     *
     * @param values the options
     * @return the config
     */
    public static ConfigSection of(Map<String, ?> values) {
        return new ConfigSection(values, "", null, null);
    }

    private String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    @Override
    public ConfigException error(String key, String problem) {
        String p = path(key);
        return new ConfigException(locator.apply(p), p, problem);
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<String> string(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw error(key, "expected a single value, found " + (v instanceof Map ? "a map" : "a list"));
        }
        return Optional.of(String.valueOf(v));
    }

    @Override
    public int getInt(String key, int def) {
        long v = getLong(key, def);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(key, v + " is out of range for a whole number");
        }
        return (int) v;
    }

    @Override
    public long getLong(String key, long def) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        try {
            return Long.parseLong(s.get().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(key, "expected a whole number, found '" + s.get() + "'");
        }
    }

    @Override
    public double getDouble(String key, double def) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        try {
            return Double.parseDouble(s.get().trim());
        } catch (NumberFormatException e) {
            throw error(key, "expected a number, found '" + s.get() + "'");
        }
    }

    @Override
    public boolean getBoolean(String key, boolean def) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        return switch (s.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, "expected true or false, found '" + s.get() + "'");
        };
    }

    @Override
    public Duration getDuration(String key, Duration def) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        try {
            return Durations.parse(s.get());
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /**
     * @param key the key
     * @param def the value when the key is absent
     * @return a positive size in bytes, written as a number or with a unit: {@code 65536}, {@code 512KB}, {@code 64MB},
     *         {@code 1GB} (units of 1,024)
     * @throws ConfigException naming the key when the value is not such a size
     */
    public long getBytes(String key, long def) {
        Optional<String> s = string(key);
        if (s.isEmpty()) {
            return def;
        }
        String text = s.get();
        String v = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
        long unit = 1;
        for (String[] u : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length()).trim();
                break;
            }
        }
        long n;
        try {
            n = Long.parseLong(v) * unit;
        } catch (NumberFormatException e) {
            throw error(key, "expected a size such as 65536, 512KB or 64MB, found '" + text + "'");
        }
        if (n < 1) {
            throw error(key, "expected a positive size, found '" + text + "'");
        }
        return n;
    }

    @Override
    public Path getPath(String key, Path def) {
        Optional<String> s = string(key);
        return s.map(v -> baseDir.resolve(v)).orElse(def);
    }

    @Override
    public List<String> getList(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                Object e = l.get(i);
                if (e instanceof Map || e instanceof List) {
                    throw error(key + "[" + i + "]", "expected a single value");
                }
                out.add(String.valueOf(e));
            }
            return List.copyOf(out);
        }
        if (v instanceof Map) {
            throw error(key, "expected a list, found a map");
        }
        return List.of(String.valueOf(v));
    }

    @Override
    public List<Path> getPaths(String key) {
        return getList(key).stream().map(baseDir::resolve).toList();
    }

    @Override
    public List<SourceConfig> getConfigList(String key) {
        return List.copyOf(sections(key));
    }

    @Override
    public Optional<SourceConfig> getConfig(String key) {
        return section(key).map(SourceConfig.class::cast);
    }

    /**
     * @param key an option name
     * @return the value as a list of nested sections; absent gives empty
     * @throws ConfigException when the value is not a list of maps
     */
    public List<ConfigSection> sections(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw error(key, "expected a list of maps");
        }
        List<ConfigSection> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw error(key + "[" + i + "]", "expected a map of options");
            }
            out.add(new ConfigSection(stringKeys(m), path(key) + "[" + i + "]", locator, baseDir));
        }
        return List.copyOf(out);
    }

    /**
     * @param key an option name
     * @return the value as a nested section, if present
     * @throws ConfigException when the value is not a map
     */
    public Optional<ConfigSection> section(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw error(key, "expected a map of options");
        }
        return Optional.of(new ConfigSection(stringKeys(m), path(key), locator, baseDir));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val));
        return out;
    }

    @Override
    public String toString() {
        return (prefix.isEmpty() ? "" : prefix + "=") + values;
    }
}
