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

    /** When each kind of packet is used: the pipeline's timing decision (pipeline/README.md), in a user's words. */
    static final String HOW_SENT = """
            How each channel is sent (whatever the source):
              as gapless blocks (PeriodicDataPacket): a channel declared at a rate that its read times keep to
              as timestamped rows (RowDataPacket), every sample at its own time: a channel declared without a rate,
                one whose first 16 intervals are irregular (more than a quarter would split a block), or any channel
                of a pipeline with block.gap: rows
              as events (EventPacket), after the configuration that defines them: what a source declares as an event
                (iracing: incidents, flags, engine warnings; synthetic: kind: event)
            """;


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
            out.print(HOW_SENT);
            out.flush();
            return ExitCodes.OK;
        }
    }
}
