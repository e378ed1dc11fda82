package io.slipstream.pipeline;

import io.slipstream.spi.SourceConfig;
import java.util.Set;

/** Rejects keys a settings section does not know, naming the key and the known ones. */
final class ConfigKeys {

    private ConfigKeys() {
    }

    static void requireKnown(SourceConfig section, Set<String> known) {
        for (String key : section.keys()) {
            if (!known.contains(key)) {
                throw section.error(key, "unknown key; known keys here are " + String.join(", ", known));
            }
        }
    }

    static String requireText(SourceConfig section, String key) {
        String v = section.requireString(key);
        if (v.isBlank()) {
            throw section.error(key, "must not be empty");
        }
        return v;
    }
}
