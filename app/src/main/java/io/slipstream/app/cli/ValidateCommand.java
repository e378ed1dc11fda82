package io.slipstream.app.cli;

import io.slipstream.app.config.ConfigReader;
import io.slipstream.app.config.ConfigValidator;
import io.slipstream.app.config.PipelineSpec;
import io.slipstream.app.config.SlipstreamConfig;
import io.slipstream.app.config.YamlConfigLoader;
import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.spi.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipstream validate CONFIG}: checks a config without running it. */
@Command(name = "validate", description = {
        "Check CONFIG without running it: unknown keys, wrong types, missing values, unknown providers, bad durations.",
        "Each problem is printed as file:line: key: problem. Exit 0 when clean, 2 otherwise."})
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Pipelines config (YAML).")
    Path config;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ProviderRegistry registry = plugins.load()) {
            SlipstreamConfig cfg = ConfigReader.read(new YamlConfigLoader(root.environment().env()).load(config));
            List<ConfigException> problems = ConfigValidator.validate(cfg, registry);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(p.getMessage()));
                err.println(problems.size() + " problem(s) in " + config);
                err.flush();
                return ExitCodes.USAGE;
            }
            out.println(config + " is valid: " + cfg.pipelines().size() + " pipeline(s)");
            for (PipelineSpec p : cfg.pipelines()) {
                // A value substituted from the environment is shown as ${VAR}, never as itself.
                out.println(cfg.document().env().hide("  " + p.name() + ": source " + p.provider() + " -> "
                        + (p.embedded() ? "embedded stack" : p.sink().getString("stream-api", "?"))));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
