package io.slipstream.app.run;

import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.spi.MapSourceConfig;
import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code slipstream replay} configures one file with no config file: the provider's defaults plus
 * {@code file} and {@code pacing}; overflow {@code block} when replaying as fast as possible (nothing is
 * dropped, the file is read as fast as the sink takes it); and the provider's own default marker rules when it
 * offers them through a public static {@code defaultMarkerConfig()} returning the {@code markers:} map.
 */
public final class ReplayPlan {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayPlan.class);

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
        return new MapSourceConfig(m, "replay[" + file.getFileName() + "]", null, null);
    }

    /**
     * @param provider the provider that opens the file
     * @param realtime whether to pace in real time
     * @return the pipeline settings
     */
    public static PipelineSettings pipelineSettings(SourceProvider provider, boolean realtime) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> markers = defaultMarkers(provider);
        if (markers != null) {
            m.put("markers", markers);
        }
        if (!realtime) {
            m.put("overflow", Map.of("policy", "block"));
        }
        return PipelineSettings.fromConfig(new MapSourceConfig(m, "replay[" + provider.name() + "]", null, null));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaultMarkers(SourceProvider provider) {
        try {
            Method m = provider.getClass().getMethod("defaultMarkerConfig");
            if (Modifier.isStatic(m.getModifiers()) && Map.class.isAssignableFrom(m.getReturnType())) {
                return (Map<String, Object>) m.invoke(null);
            }
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Provider '{}' offers default marker rules but they could not be read: {}", provider.name(), e.toString());
        }
        return null;
    }
}
