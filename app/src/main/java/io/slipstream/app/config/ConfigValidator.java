package io.slipstream.app.config;

import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checks a config without running it: the structural problems found while reading, unknown providers, the
 * source options against each provider's documented options (and the provider's own {@code create}, which
 * opens nothing), and the pipeline ({@code block}, {@code markers}, {@code overflow}) and sink sections.
 */
public final class ConfigValidator {

    private ConfigValidator() {
    }

    /**
     * @param config   the read config
     * @param registry the providers found
     * @return every problem, in file order; empty when the config is good
     */
    public static List<ConfigException> validate(SlipstreamConfig config, ProviderRegistry registry) {
        List<ConfigException> problems = new ArrayList<>(config.problems());
        ConfigDocument doc = config.document();
        for (PipelineSpec spec : config.pipelines()) {
            if (spec.provider() != null) {
                Optional<SourceProvider> provider = registry.find(spec.provider());
                if (provider.isEmpty()) {
                    problems.add(doc.error(spec.path() + ".source.provider", registry.unknownMessage(spec.provider())));
                } else {
                    List<ConfigException> options = SourceOptionsCheck.check(provider.get(), spec.source(), doc.baseDir());
                    problems.addAll(options);
                    if (options.isEmpty() && checkCreate(doc, spec, provider.get(), problems)) {
                        checkLiveOverflow(doc, spec, provider.get(), problems);
                    }
                }
            }
            try {
                PipelineSettings.fromConfig(spec.pipeline());
            } catch (ConfigException e) {
                problems.add(e);
            }
            try {
                SinkSettings.fromConfig(spec.sink());
            } catch (ConfigException e) {
                problems.add(e);
            }
        }
        problems.sort(Comparator.comparingInt(ConfigValidator::lineOf));
        // Provider and pipeline code quote the values they refuse; none may show an environment variable's value.
        return doc.redact(problems);
    }

    /** @return whether the provider accepted the options */
    private static boolean checkCreate(ConfigDocument doc, PipelineSpec spec, SourceProvider provider,
                                       List<ConfigException> problems) {
        try {
            provider.create(spec.source());
            return true;
        } catch (ConfigException e) {
            problems.add(e);
        } catch (RuntimeException e) {
            problems.add(doc.error(spec.path() + ".source",
                    "provider '" + provider.name() + "' rejected its options: " + e.getMessage()));
        }
        return false;
    }

    /**
     * A live source does not wait for demand, so under policy {@code block} it would either stall the sim's reader
     * or fail mid-run the first time the sink falls behind; refuse it before anything starts.
     */
    private static void checkLiveOverflow(ConfigDocument doc, PipelineSpec spec, SourceProvider provider,
                                          List<ConfigException> problems) {
        Optional<String> policy = spec.pipeline().section("overflow").flatMap(o -> o.string("policy"));
        if (policy.isPresent() && policy.get().equals("block") && provider.live(spec.source())) {
            problems.add(doc.error(spec.path() + ".overflow.policy", "'block' makes the source wait for the sink,"
                    + " but this " + provider.name() + " source is live and does not wait; use drop-oldest,"
                    + " drop-newest or fail (block is for replays and fast pacing)"));
        }
    }

    private static int lineOf(ConfigException e) {
        String loc = e.location();
        if (loc == null) {
            return Integer.MAX_VALUE;
        }
        int colon = loc.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(loc.substring(colon + 1));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
