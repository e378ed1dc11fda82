package io.slipstream.app.config;

import io.slipstream.spi.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a YAML config through snakeyaml-engine's node API, so that every key keeps its line number, and
 * substitutes {@code ${ENV}} references in values.
 */
public final class YamlConfigLoader {

    /** Far deeper than any config (five levels), far below what overflows a thread stack. */
    static final int MAX_DEPTH = 64;
    /**
     * Values read from one file, counting every use of an alias: anchors may share a sink section, but ten
     * nested aliases of ten would otherwise expand to ten billion values.
     */
    static final int MAX_VALUES = 100_000;

    private final Function<String, String> env;

    /** @param env looks environment variables up by name (null when unset) */
    public YamlConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    /**
     * @param file the YAML file
     * @return the document
     * @throws ConfigException when the file cannot be read or is not YAML, naming file and line
     */
    public ConfigDocument load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "(file)", "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "(file)", "cannot be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ConfigException(file.toString(), "(file)", "cannot be read: " + e.getMessage());
        }
        Path abs = file.toAbsolutePath();
        return parse(text, file.toString(), abs.getParent());
    }

    /**
     * @param text    the YAML text
     * @param name    how errors name its origin
     * @param baseDir the folder relative paths resolve against
     * @return the document
     * @throws ConfigException when the text is not YAML or its top level is not a map
     */
    public ConfigDocument parse(String text, String name, Path baseDir) {
        Optional<Node> node;
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(name).build();
            checkDepth(text, settings, name);
            node = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(0) + 1;
            throw new ConfigException(name + ":" + line, "(yaml)", "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigException(name, "(yaml)", "not valid YAML: " + e.getMessage());
        }
        Walker w = new Walker(name);
        if (node.isEmpty()) {
            return new ConfigDocument(name, baseDir, Map.of(), Map.of(),
                    List.of(new ConfigException(name + ":1", "(file)", "is empty; expected a map with 'pipelines:'")));
        }
        Object root = w.convert(node.get(), "");
        if (!(root instanceof Map<?, ?> map)) {
            throw w.envValues().redact(new ConfigException(name + ":" + line(node.get()), "(top level)",
                    "expected a map with 'pipelines:', found " + describe(root)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return new ConfigDocument(name, baseDir, typed, w.lines, w.problems, w.envValues());
    }

    /**
     * snakeyaml-engine composes recursively with no depth limit, so {@code [[[[...} a few thousand deep would end
     * in a StackOverflowError; its parser is not recursive, so the events are walked first.
     */
    private static void checkDepth(String text, LoadSettings settings, String name) {
        int depth = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            if (e.getEventId() == Event.ID.MappingStart || e.getEventId() == Event.ID.SequenceStart) {
                if (++depth > MAX_DEPTH) {
                    throw new ConfigException(name + ":" + (e.getStartMark().map(Mark::getLine).orElse(0) + 1),
                            "(yaml)", "nested more than " + MAX_DEPTH + " levels deep; a config needs a few");
                }
            } else if (e.getEventId() == Event.ID.MappingEnd || e.getEventId() == Event.ID.SequenceEnd) {
                depth--;
            }
        }
    }

    static String describe(Object v) {
        if (v instanceof Map) {
            return "a map";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v == null ? "nothing" : "'" + v + "'";
    }

    private static int line(Node n) {
        return n.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    private final class Walker {
        private final String name;
        private final Map<String, Integer> lines = new HashMap<>();
        private final List<ConfigException> problems = new ArrayList<>();
        private final EnvSubstitution substitution = new EnvSubstitution(env);
        private final List<EnvValues.Entry> fromEnv = new ArrayList<>();

        Walker(String name) {
            this.name = name;
        }

        private int values;
        private int depth;

        /** Bounds the walk, as aliases make the nodes a graph: see {@link #MAX_VALUES}. */
        Object convert(Node node, String path) {
            if (++values > MAX_VALUES) {
                throw new ConfigException(name + ":" + line(node), path, "the file expands to more than " + MAX_VALUES
                        + " values (aliases of aliases); a config needs a few hundred");
            }
            if (++depth > MAX_DEPTH) {
                throw new ConfigException(name + ":" + line(node), path, "nested more than " + MAX_DEPTH
                        + " levels deep (an alias that contains itself?); a config needs a few");
            }
            try {
                return convertNode(node, path);
            } finally {
                depth--;
            }
        }

        private Object convertNode(Node node, String path) {
            if (!path.isEmpty()) {
                lines.putIfAbsent(path, line(node));
            }
            if (node instanceof MappingNode m) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    if (!(t.getKeyNode() instanceof ScalarNode k)) {
                        problems.add(new ConfigException(name + ":" + line(t.getKeyNode()), path,
                                "a key must be a plain word"));
                        continue;
                    }
                    String key = k.getValue();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (out.containsKey(key)) {
                        problems.add(new ConfigException(name + ":" + line(k), child,
                                "is given twice (first on line " + lines.get(child) + ")"));
                        continue;
                    }
                    lines.put(child, line(k));
                    out.put(key, convert(t.getValueNode(), child));
                }
                return out;
            }
            if (node instanceof SequenceNode s) {
                List<Object> out = new ArrayList<>();
                List<Node> items = s.getValue();
                for (int i = 0; i < items.size(); i++) {
                    out.add(convert(items.get(i), path + "[" + i + "]"));
                }
                return out;
            }
            ScalarNode sc = (ScalarNode) node;
            String raw = sc.getValue();
            EnvSubstitution.Result value;
            try {
                value = substitution.substitute(raw);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigException(name + ":" + line(node), path, e.getMessage()));
                return null;
            }
            if (!value.uses().isEmpty()) {
                fromEnv.add(new EnvValues.Entry(path.isEmpty() ? "(top level)" : path, raw, value.uses()));
            }
            if (!value.text().equals(raw)) {
                return value.text(); // substituted text stays text; typed getters parse it
            }
            return typed(sc.getTag(), value.text());
        }

        EnvValues envValues() {
            return new EnvValues(fromEnv);
        }

        private Object typed(Tag tag, String value) {
            try {
                if (Tag.NULL.equals(tag)) {
                    return null;
                }
                if (Tag.BOOL.equals(tag)) {
                    return Boolean.valueOf(value);
                }
                if (Tag.INT.equals(tag)) {
                    return Long.valueOf(value);
                }
                if (Tag.FLOAT.equals(tag)) {
                    return Double.valueOf(value);
                }
            } catch (NumberFormatException e) {
                return value;
            }
            return value;
        }
    }
}
