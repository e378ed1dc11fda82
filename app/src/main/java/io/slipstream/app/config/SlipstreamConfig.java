package io.slipstream.app.config;

import io.slipstream.spi.ConfigException;
import java.util.List;

/**
 * A whole config file, read into pipelines.
 *
 * @param document    the parsed file (for locating keys)
 * @param pipelines   the pipelines, in file order
 * @param metricsPort the Prometheus metrics port from {@code metrics.port}, or 0 when metrics are off
 * @param problems    every structural problem found (unknown keys, missing values), each naming file, line, key
 */
public record SlipstreamConfig(ConfigDocument document, List<PipelineSpec> pipelines, int metricsPort,
                               List<ConfigException> problems) {

    /** Copies the lists. */
    public SlipstreamConfig {
        pipelines = List.copyOf(pipelines);
        problems = List.copyOf(problems);
    }
}
