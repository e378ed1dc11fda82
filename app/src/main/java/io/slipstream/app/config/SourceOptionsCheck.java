package io.slipstream.app.config;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.UnknownKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a pipeline's {@code source:} options against what its provider documents: unknown keys, missing
 * required options, values of the wrong type or not among the allowed words, and files that do not exist.
 */
final class SourceOptionsCheck {

    private SourceOptionsCheck() {
    }

    static List<ConfigException> check(SourceProvider provider, SourceConfig source, Path baseDir) {
        List<ConfigException> out = new ArrayList<>();
        Map<String, OptionSpec> specs = new TreeMap<>();
        for (OptionSpec s : provider.options()) {
            specs.put(s.name(), s);
        }
        for (String key : source.keys()) {
            if (!specs.containsKey(key)) {
                out.add(source.error(key, "unknown option for provider '" + provider.name() + "'"
                        + UnknownKeys.hint(key, specs.keySet())));
            }
        }
        for (OptionSpec s : specs.values()) {
            if (!source.has(s.name())) {
                if (s.required()) {
                    out.add(source.error(s.name(), "is required by provider '" + provider.name() + "': " + s.description()));
                }
                continue;
            }
            try {
                checkType(source, s, baseDir);
            } catch (ConfigException e) {
                out.add(e);
            }
        }
        return out;
    }

    private static void checkType(SourceConfig c, OptionSpec s, Path baseDir) {
        String k = s.name();
        switch (s.type()) {
            case STRING -> c.requireString(k);
            case INT -> c.getLong(k, 0);
            case DOUBLE -> c.getDouble(k, 0);
            case BOOLEAN -> c.getBoolean(k, false);
            case DURATION -> c.getDuration(k, null);
            case LIST -> c.getList(k);
            case LIST_OF_MAPS -> c.getConfigList(k);
            case MAP -> c.getConfig(k);
            case ENUM -> {
                if (!s.allowed().isEmpty()) {
                    c.getEnum(k, null, s.allowed().toArray(String[]::new));
                }
            }
            case PATH -> c.getList(k);
            default -> { }
        }
        if (SourceProvider.FILE_OPTION.equals(k)) {
            List<String> files = c.getList(k);
            for (int i = 0; i < files.size(); i++) {
                Path p = baseDir == null ? Path.of(files.get(i)) : baseDir.resolve(files.get(i));
                if (!Files.isReadable(p)) {
                    throw c.error(files.size() > 1 ? k + "[" + i + "]" : k, "file '" + p + "' does not exist or cannot be read");
                }
            }
        }
    }
}
