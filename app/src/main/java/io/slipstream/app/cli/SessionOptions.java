package io.slipstream.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code run} and {@code replay} share: where to write, where the summary goes, how long a stop may take. */
public final class SessionOptions {

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the end summary as JSON here.")
    Path summaryJson;

    @Option(names = "--stop-timeout", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long a stopped session may take to flush and end (default: ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Mixin
    SinkAddressOptions addresses;

    @Mixin
    EmbeddedStackOptions stackOptions;

    @Mixin
    PluginOptions plugins;
}
