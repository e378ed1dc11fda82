package io.slipstream.app.run;

import io.slipstream.app.config.PipelineSpec;
import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.util.TreeSet;

/**
 * Builds {@link PipelineRun}s from config: the named provider's source, the pipeline settings, and the sink
 * settings with the right addresses.
 *
 * <p>Addresses: a command-line address wins over everything; otherwise a pipeline whose sink says
 * {@code stream-api: embedded} (or says nothing) uses the embedded stack; otherwise the pipeline's own.
 */
public final class PipelineFactory {

    private final ProviderRegistry registry;
    private final PipelineClock clock;

    /**
     * @param registry the providers
     * @param clock    the clock for every pipeline
     */
    public PipelineFactory(ProviderRegistry registry, PipelineClock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param spec      the pipeline as configured
     * @param overrides addresses from the command line
     * @param embedded  the embedded stack's addresses, or null when none is running
     * @return the run, not started
     * @throws ConfigException when the provider is unknown or an option is bad
     */
    public PipelineRun create(PipelineSpec spec, Endpoints overrides, Endpoints embedded) {
        SourceProvider provider = registry.find(spec.provider())
                .orElseThrow(() -> spec.source().error("provider", registry.unknownMessage(spec.provider())));
        TelemetrySource source = provider.create(spec.source());
        PipelineSettings settings = PipelineSettings.fromConfig(spec.pipeline());
        SinkSettings sink = resolve(SinkSettings.fromConfig(spec.sink()), spec.embedded(), overrides, embedded);
        return new PipelineRun(spec.name(), sourceLabel(spec.provider(), spec.source()), source, settings, sink, clock);
    }

    /**
     * @param provider the provider's name
     * @param options  its options
     * @return e.g. {@code iracing, file: lap.ibt, pacing: realtime}: the provider and its options as written
     */
    static String sourceLabel(String provider, SourceConfig options) {
        StringBuilder sb = new StringBuilder(provider);
        for (String key : new TreeSet<>(options.keys())) {
            String value;
            try {
                value = options.string(key).orElse(null);
            } catch (RuntimeException notText) {
                value = null; // a list or a section: named, not spelled out
            }
            sb.append(", ").append(key).append(value == null ? "" : ": " + value);
        }
        return sb.toString();
    }

    /**
     * @param configured the sink settings as written
     * @param wantsEmbedded whether the config asks for the embedded stack
     * @param overrides  command-line addresses
     * @param embedded   the embedded stack's addresses, or null
     * @return the settings with the addresses to use
     */
    public static SinkSettings resolve(SinkSettings configured, boolean wantsEmbedded, Endpoints overrides,
                                       Endpoints embedded) {
        SinkSettings s = configured;
        boolean useEmbedded = wantsEmbedded && overrides.streamApi() == null && embedded != null;
        if (useEmbedded) {
            s = s.withStreamApi(embedded.streamApi()).withKeyGenerator(embedded.keyGenerator())
                    .withKafkaBootstrap(embedded.kafkaBootstrap()).withKafkaSecurity(embedded.kafkaSecurity());
        }
        if (overrides.streamApi() != null) {
            s = s.withStreamApi(overrides.streamApi());
        }
        if (overrides.keyGenerator() != null) {
            s = s.withKeyGenerator(overrides.keyGenerator());
        }
        if (overrides.kafkaBootstrap() != null) {
            s = s.withKafkaBootstrap(overrides.kafkaBootstrap());
        }
        // --kafka-config is for a Kafka reached from here: the given --kafka, or a sink's own kafka key.
        if (overrides.kafkaBootstrap() != null || (!useEmbedded && !overrides.kafkaSecurity().isEmpty())) {
            s = s.withKafkaSecurity(overrides.kafkaSecurity());
        }
        return s;
    }
}
