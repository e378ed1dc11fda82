package io.slipstream.pipeline;

import io.slipstream.pipeline.config.ConfigSection;

/**
 * Everything a pipeline is configured with: its {@code block}, {@code markers} and {@code overflow} sections.
 *
 * @param block    block assembly
 * @param markers  marker derivation
 * @param overflow the buffer between source and pipeline
 */
public record PipelineSettings(BlockSettings block, MarkerSettings markers, OverflowSettings overflow) {

    /** @return the defaults of every section */
    public static PipelineSettings defaults() {
        return new PipelineSettings(BlockSettings.defaults(), MarkerSettings.defaults(), OverflowSettings.defaults());
    }

    /**
     * Reads the sections this module owns from one pipeline's config; other keys of the pipeline (name, source,
     * sink) are the app's. Every key inside the sections is checked.
     *
     * @param pipeline one entry of {@code pipelines}
     * @return the settings, defaults for absent sections and keys
     * @throws io.slipstream.spi.ConfigException naming the key for unknown keys and bad values
     */
    public static PipelineSettings fromConfig(ConfigSection pipeline) {
        PipelineSettings d = defaults();
        return new PipelineSettings(
                pipeline.section("block").map(BlockSettings::fromConfig).orElse(d.block()),
                pipeline.section("markers").map(MarkerSettings::fromConfig).orElse(d.markers()),
                pipeline.section("overflow").map(OverflowSettings::fromConfig).orElse(d.overflow()));
    }
}
