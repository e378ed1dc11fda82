package io.slipstream.spi;

import java.util.List;
import java.util.Map;

/**
 * A named factory of {@link TelemetrySource}s, found with {@link java.util.ServiceLoader}.
 *
 * <p>Register an implementation with a one-line {@code META-INF/services/io.slipstream.spi.SourceProvider} file.
 * The engine instantiates every provider to list them, so constructors must be cheap; only {@link #create} is
 * called for the providers a pipeline names, and even then nothing is opened until the source is subscribed.
 *
 * <p>File-based providers take the file(s) in an option named {@value #FILE_OPTION} and a pacing in an option
 * named {@value #PACING_OPTION} ({@code realtime} or {@code fast}); {@code slipstream replay} relies on that.
 */
public interface SourceProvider {

    /** The option naming the file (or list of files) a file-based provider reads. */
    String FILE_OPTION = "file";
    /** The option choosing real-time pacing ({@code realtime}) or as-fast-as-demanded ({@code fast}). */
    String PACING_OPTION = "pacing";

    /** @return the name pipelines use to select this provider, e.g. {@code csv} */
    String name();

    /** @return one sentence saying what the provider reads */
    String description();

    /** @return the options {@link #create} understands, for {@code slipstream sources} and {@code validate} */
    List<OptionSpec> options();

    /**
     * File extensions this provider opens, lower case with the dot ({@code .csv}, {@code .csv.gz}); the
     * replay command picks the provider whose extension matches the file name's end.
     *
     * @return the extensions, empty when the provider reads no files
     */
    default List<String> fileExtensions() {
        return List.of();
    }

    /**
     * Pipeline settings that suit this provider's data when nobody wrote any, e.g. the marker rules over its
     * derived lap and pit channels. {@code slipstream replay} applies them (a file replayed with no config file);
     * a config file's own pipeline sections are used as written.
     *
     * @return a map in the YAML shape of a pipeline's sections, e.g. {@code {markers: {out-lap: true, rules: [...]}}};
     *         empty (the default) when the engine's defaults suit
     */
    default Map<String, Object> defaultPipelineSettings() {
        return Map.of();
    }

    /**
     * Whether a source made from this config is live: it produces samples at its own pace and does not wait for
     * downstream demand (a running sim, a real-time generator). The engine refuses overflow policy {@code block}
     * for a live source when the config is read, as a live source must never wait on the sink. Called only with
     * a config that {@link #create} accepts.
     *
     * @param config the pipeline's {@code source:} options
     * @return true for a live source; false (the default) for one that emits only what is requested
     */
    default boolean live(SourceConfig config) {
        return false;
    }

    /**
     * Makes a source from a config. Validates the config (throwing {@link ConfigException} that names the key)
     * but opens nothing.
     *
     * @param config the pipeline's {@code source:} options, typed and read-only
     * @return the source
     * @throws ConfigException when an option is missing, of the wrong type or out of range
     */
    TelemetrySource create(SourceConfig config);
}
