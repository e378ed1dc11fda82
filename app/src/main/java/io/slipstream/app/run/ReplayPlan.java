package io.slipstream.app.run;

import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code slipstream replay} configures one file with no config file: the provider's defaults plus
 * {@code file} and {@code pacing}; overflow {@code block} when replaying as fast as possible (nothing is
 * dropped, the file is read as fast as the sink takes it); and the provider's own
 * {@link SourceProvider#defaultPipelineSettings() default pipeline settings} (its marker rules, say).
 */
public final class ReplayPlan {

    private ReplayPlan() {
    }

    /**
     * @param provider the provider that opens the file
     * @param file     the file
     * @param realtime whether to pace in real time
     * @return the source options
     */
    public static SourceConfig sourceConfig(SourceProvider provider, Path file, boolean realtime) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SourceProvider.FILE_OPTION, file.toAbsolutePath().toString());
        if (provider.options().stream().map(OptionSpec::name).anyMatch(SourceProvider.PACING_OPTION::equals)) {
            m.put(SourceProvider.PACING_OPTION, realtime ? "realtime" : "fast");
        }
        return new ConfigSection(m, "replay[" + file.getFileName() + "]", null, null);
    }

    /**
     * @param provider the provider that opens the file
     * @param realtime whether to pace in real time
     * @return the pipeline settings
     */
    public static PipelineSettings pipelineSettings(SourceProvider provider, boolean realtime) {
        Map<String, Object> m = new LinkedHashMap<>(provider.defaultPipelineSettings());
        if (!realtime) {
            m.put("overflow", Map.of("policy", "block"));
        }
        return PipelineSettings.fromConfig(new ConfigSection(m, "replay[" + provider.name() + "]", null, null));
    }
}
