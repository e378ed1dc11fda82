package io.slipstream.app.config;

import io.slipstream.spi.ConfigException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed YAML config file: its values as plain maps, lists and scalars, the line of every key, and the
 * problems found while reading it (duplicate keys, unset environment variables).
 *
 * @param name     how errors name the file, e.g. {@code pipelines.yaml} or {@code demo.yaml (built in)}
 * @param baseDir  the folder relative paths in the file resolve against
 * @param root     the top-level map
 * @param lines    key path ({@code pipelines[0].source.rate}) to 1-based line number
 * @param problems what was wrong while reading, each naming file, line and key
 * @param env      the values that came from environment variables, which no message may show
 */
public record ConfigDocument(String name, Path baseDir, Map<String, Object> root, Map<String, Integer> lines,
                             List<ConfigException> problems, EnvValues env) {

    /** Copies the collections; a null value (a key written with nothing after it) is kept as null. */
    public ConfigDocument {
        root = Collections.unmodifiableMap(new LinkedHashMap<>(root));
        lines = Map.copyOf(lines);
        problems = List.copyOf(problems);
        env = env == null ? EnvValues.NONE : env;
    }

    /** A document without environment values. */
    public ConfigDocument(String name, Path baseDir, Map<String, Object> root, Map<String, Integer> lines,
                          List<ConfigException> problems) {
        this(name, baseDir, root, lines, problems, EnvValues.NONE);
    }

    /**
     * @param keyPath a full key path such as {@code pipelines[0].sink.stream}
     * @return {@code file:line} of that key, or of its nearest enclosing key that has a line
     */
    public String locate(String keyPath) {
        String p = keyPath;
        while (p != null && !p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return name + ":" + line;
            }
            p = parent(p);
        }
        return name;
    }

    /** @return {@link #locate} as a function, for {@code ConfigSection} */
    public Function<String, String> locator() {
        return this::locate;
    }

    /**
     * @param keyPath the key
     * @param problem what is wrong and what was expected
     * @return an exception naming file, line and key, with any environment value hidden
     */
    public ConfigException error(String keyPath, String problem) {
        return env.redact(new ConfigException(locate(keyPath), keyPath, problem));
    }

    /**
     * @param problems errors about this document, from any code that read its values
     * @return the same errors with every environment value replaced by the name of its variable
     */
    public List<ConfigException> redact(List<ConfigException> problems) {
        return env.redact(problems);
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? null : path.substring(0, cut);
    }

    /** Names the file and its keys, not the values: some came from the environment and may be secrets. */
    @Override
    public String toString() {
        return "ConfigDocument[" + name + ", keys " + root.keySet() + ", " + env.size()
                + " value(s) from the environment]";
    }
}
