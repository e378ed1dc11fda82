package io.slipstream.app.config;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SourceConfig;

/**
 * One pipeline as written in the config: which provider, and the typed views of its sections.
 *
 * @param name     the pipeline's name, unique in the file
 * @param path     its key path, e.g. {@code pipelines[0]}
 * @param provider the source provider's name
 * @param source   the {@code source:} options without {@code provider}
 * @param pipeline the whole pipeline map ({@code block}, {@code markers}, {@code overflow} are read from it)
 * @param sink     the {@code sink:} options (empty when absent)
 * @param embedded whether the sink's {@code stream-api} is {@code embedded} or absent
 */
public record PipelineSpec(String name, String path, String provider, SourceConfig source, ConfigSection pipeline,
                           ConfigSection sink, boolean embedded) {
}
