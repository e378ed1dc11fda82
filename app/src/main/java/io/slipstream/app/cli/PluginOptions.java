package io.slipstream.app.cli;

import io.slipstream.app.plugins.PluginLoader;
import io.slipstream.app.plugins.ProviderRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --plugins} option shared by the commands that use source providers. */
public final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR", defaultValue = "plugins",
            description = "Folder of source plug-in jars, loaded next to the built-in providers (default: ${DEFAULT-VALUE}).")
    Path pluginsDir;

    /** @return the providers on the classpath and in the plug-ins folder */
    ProviderRegistry load() {
        return PluginLoader.load(pluginsDir);
    }
}
