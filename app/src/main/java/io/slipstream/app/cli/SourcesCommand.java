package io.slipstream.app.cli;

import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.SourceProvider;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code slipstream sources}: the source providers found, with their options. */
@Command(name = "sources", description = "List the source providers found (built in and in the plug-ins folder), with their options.")
public final class SourcesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ProviderRegistry registry = plugins.load()) {
            registry.notLoaded().forEach(problem -> err.println("warning: a source provider could not be loaded: " + problem));
            err.flush();
            if (registry.all().isEmpty()) {
                out.println("No source providers found (plug-ins folder: " + plugins.pluginsDir + ").");
                return ExitCodes.FAILURE;
            }
            for (ProviderRegistry.Found f : registry.all()) {
                SourceProvider p = f.provider();
                out.println(p.name() + " - " + p.description());
                out.println("  from: " + f.origin() + (p.fileExtensions().isEmpty() ? ""
                        : "; replays files ending " + String.join(", ", p.fileExtensions())));
                int width = p.options().stream().mapToInt(o -> o.name().length()).max().orElse(4);
                for (OptionSpec o : p.options()) {
                    String type = o.type().name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + (o.allowed().isEmpty() ? "" : " (" + String.join("|", o.allowed()) + ")");
                    String def = o.required() ? "required" : o.defaultValue() == null ? "no default" : "default " + o.defaultValue();
                    out.printf(Locale.ROOT, "    %-" + width + "s  %s, %s: %s%n", o.name(), type, def, o.description());
                }
                out.println();
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
