package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;

/** Checks shared by the settings sections. */
final class ConfigKeys {

    private ConfigKeys() {
    }

    static String requireText(ConfigSection section, String key) {
        String v = section.requireString(key);
        if (v.isBlank()) {
            throw section.error(key, "must not be empty");
        }
        return v;
    }
}
