package io.slipstream.app.config;

import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ConfigDocument} into {@link PipelineSpec}s, collecting every structural problem instead of
 * stopping at the first: unknown keys, missing names and providers, sections of the wrong shape.
 */
public final class ConfigReader {

    /** Keys allowed at the top of a config file. */
    public static final Set<String> TOP_KEYS = Set.of("pipelines", "metrics");
    /** Keys allowed in one pipeline. */
    public static final Set<String> PIPELINE_KEYS = Set.of("name", "source", "block", "markers", "overflow", "sink");
    /** The sink value that means "start the embedded stack". */
    public static final String EMBEDDED = "embedded";

    private ConfigReader() {
    }

    /**
     * @param doc the parsed file
     * @return the pipelines and the problems found (the document's own problems included)
     */
    public static SlipstreamConfig read(ConfigDocument doc) {
        List<ConfigException> problems = new ArrayList<>(doc.problems());
        Map<String, Object> root = doc.root();
        unknownKeys(doc, root, "", TOP_KEYS, problems);
        int metricsPort = metricsPort(doc, root.get("metrics"), problems);
        List<PipelineSpec> pipelines = new ArrayList<>();
        Object list = root.get("pipelines");
        if (list == null) {
            if (doc.problems().isEmpty() || !root.isEmpty()) {
                problems.add(doc.error("pipelines", "is required: a list of pipelines, each with a name and a source"));
            }
        } else if (!(list instanceof List<?> items)) {
            problems.add(doc.error("pipelines", "expected a list of pipelines, found " + YamlConfigLoader.describe(list)));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                PipelineSpec spec = pipeline(doc, "pipelines[" + i + "]", items.get(i), problems);
                if (spec != null && !names.add(spec.name())) {
                    problems.add(doc.error(spec.path() + ".name", "'" + spec.name() + "' is used by another pipeline; names must be unique"));
                }
                if (spec != null) {
                    pipelines.add(spec);
                }
            }
            if (items.isEmpty()) {
                problems.add(doc.error("pipelines", "is empty; expected at least one pipeline"));
            }
        }
        return new SlipstreamConfig(doc, pipelines, metricsPort, doc.redact(problems));
    }

    private static int metricsPort(ConfigDocument doc, Object metrics, List<ConfigException> problems) {
        if (metrics == null) {
            return 0;
        }
        if (!(metrics instanceof Map<?, ?> m)) {
            problems.add(doc.error("metrics", "expected a map such as {port: 9464}"));
            return 0;
        }
        unknownKeys(doc, m, "metrics", Set.of("port"), problems);
        try {
            int port = new ConfigSection(stringKeys(m), "metrics", doc.locator(), doc.baseDir()).getInt("port", 0);
            if (port < 0 || port > 65535) {
                problems.add(doc.error("metrics.port", port + " is not a TCP port (0-65535)"));
                return 0;
            }
            return port;
        } catch (ConfigException e) {
            problems.add(e);
            return 0;
        }
    }

    private static PipelineSpec pipeline(ConfigDocument doc, String path, Object item, List<ConfigException> problems) {
        if (!(item instanceof Map<?, ?> raw)) {
            problems.add(doc.error(path, "expected a pipeline map with name, source and sink"));
            return null;
        }
        Map<String, Object> p = stringKeys(raw);
        unknownKeys(doc, p, path, PIPELINE_KEYS, problems);
        String name = p.get("name") == null ? null : String.valueOf(p.get("name"));
        if (name == null || name.isBlank()) {
            problems.add(doc.error(path + ".name", "is required: a short name for the pipeline"));
            name = path;
        }
        for (String section : List.of("block", "markers", "overflow")) {
            Object v = p.get(section);
            if (v != null && !(v instanceof Map)) {
                problems.add(doc.error(path + "." + section, "expected a map of options, found " + YamlConfigLoader.describe(v)));
            }
        }
        Object src = p.get("source");
        String provider = null;
        Map<String, Object> sourceOptions = new LinkedHashMap<>();
        if (src == null) {
            problems.add(doc.error(path + ".source", "is required: a map with 'provider:' and the provider's options"));
        } else if (!(src instanceof Map<?, ?> s)) {
            problems.add(doc.error(path + ".source", "expected a map with 'provider:', found " + YamlConfigLoader.describe(src)));
        } else {
            sourceOptions.putAll(stringKeys(s));
            Object prov = sourceOptions.remove("provider");
            if (prov == null || prov instanceof Map || prov instanceof List) {
                problems.add(doc.error(path + ".source.provider", "is required: the name of a source provider (see 'slipstream sources')"));
            } else {
                provider = String.valueOf(prov);
            }
        }
        Object sinkRaw = p.get("sink");
        Map<String, Object> sink = new LinkedHashMap<>();
        if (sinkRaw instanceof Map<?, ?> s) {
            sink.putAll(stringKeys(s));
        } else if (sinkRaw != null) {
            problems.add(doc.error(path + ".sink", "expected a map of sink options, found " + YamlConfigLoader.describe(sinkRaw)));
        }
        Object api = sink.get("stream-api");
        boolean embedded = api == null || EMBEDDED.equalsIgnoreCase(String.valueOf(api).trim());
        return new PipelineSpec(name, path, provider,
                new ConfigSection(sourceOptions, path + ".source", doc.locator(), doc.baseDir()),
                new ConfigSection(p, path, doc.locator(), doc.baseDir()),
                new ConfigSection(sink, path + ".sink", doc.locator(), doc.baseDir()),
                embedded);
    }

    private static void unknownKeys(ConfigDocument doc, Map<?, ?> map, String path, Set<String> allowed,
                                    List<ConfigException> problems) {
        for (Object k : map.keySet()) {
            String key = String.valueOf(k);
            if (!allowed.contains(key)) {
                String full = path.isEmpty() ? key : path + "." + key;
                problems.add(doc.error(full, "unknown key" + UnknownKeys.hint(key, allowed)));
            }
        }
    }

    static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
