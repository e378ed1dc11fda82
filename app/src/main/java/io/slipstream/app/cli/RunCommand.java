package io.slipstream.app.cli;

import io.slipstream.app.config.ConfigDocument;
import io.slipstream.app.config.ConfigReader;
import io.slipstream.app.config.ConfigValidator;
import io.slipstream.app.config.PipelineSpec;
import io.slipstream.app.config.SlipstreamConfig;
import io.slipstream.app.config.YamlConfigLoader;
import io.slipstream.app.logging.ConsoleLog;
import io.slipstream.app.logging.HidingWriter;
import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.app.run.Endpoints;
import io.slipstream.app.run.PipelineFactory;
import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineRun;
import io.slipstream.app.status.LiveConsole;
import io.slipstream.app.view.ViewServer;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.spi.ConfigException;
import io.slipstream.streamapi.EmbeddedStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipstream run [CONFIG]}: runs every pipeline of a config, or the built-in demo. */
@Command(name = "run", description = {
        "Run every pipeline of CONFIG concurrently until their sources end, --duration passes or Ctrl-C.",
        "With no CONFIG, run the built-in demo (30 synthetic channels, laps and pit stops) into the embedded stack."})
public final class RunCommand implements Callable<Integer> {

    /** Resource holding the built-in demo config. */
    static final String DEMO = "/io/slipstream/app/demo.yaml";

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Pipelines config (YAML).")
    Path config;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop every pipeline cleanly after this long (e.g. 30s, 5m).")
    Duration duration;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics at http://localhost:PORT/metrics (default: off, or metrics.port of the config).")
    Integer metricsPort;

    @Mixin
    SessionOptions session;

    @Mixin
    ViewOption view;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        AppEnvironment env = root.environment();
        try (ProviderRegistry registry = session.plugins.load()) {
            SlipstreamConfig cfg = ConfigReader.read(load(env));
            // Values substituted from the environment (addresses, tokens) are shown as ${VAR}, on screen and in the log.
            ConsoleLog.hide(cfg.document().env()::hide);
            PrintWriter out = new PrintWriter(new HidingWriter(spec.commandLine().getOut(), cfg.document().env()::hide),
                    true);
            List<ConfigException> problems = ConfigValidator.validate(cfg, registry);
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(p.getMessage()));
                err.println(problems.size() + " problem(s) in " + cfg.document().name() + "; nothing was run.");
                return ExitCodes.USAGE;
            }
            Endpoints overrides;
            try {
                overrides = session.addresses.endpoints(env.env());
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            boolean needStack = overrides.streamApi() == null && cfg.pipelines().stream().anyMatch(PipelineSpec::embedded);
            Optional<String> taken = needStack ? session.stackOptions.taken() : Optional.empty();
            if (taken.isPresent()) {
                return StackPortOptions.refuse(err, taken.get());
            }
            LiveConsole console = SessionRunner.console(env, out);
            PrintWriter say = console.chatter();
            EmbeddedStack stack = needStack ? session.stackOptions.start(say) : null;
            try (SessionRunner runner = new SessionRunner(console, out, metricsPort != null ? metricsPort : cfg.metricsPort());
                 GracefulShutdown shutdown = GracefulShutdown.install(env, runner::requestStop, runner::forceStop,
                         session.stopTimeout.plusSeconds(10))) {
                int code;
                ViewServer shown = null;
                try {
                    Endpoints embedded = stack == null ? null : EmbeddedStackOptions.endpoints(stack);
                    shown = view.start((embedded != null ? embedded : overrides).kafkaConnection(), null, say);
                    PipelineFactory factory = new PipelineFactory(registry, PipelineClock.system());
                    List<PipelineRun> runs = new ArrayList<>();
                    for (PipelineSpec p : cfg.pipelines()) {
                        runs.add(factory.create(p, overrides, embedded));
                    }
                    runs.forEach(r -> say.print(r.describe()));
                    say.println("Running " + runs.size() + " pipeline(s) from " + cfg.document().name()
                            + (duration != null ? " for " + duration.toString().substring(2).toLowerCase() : "")
                            + "; Ctrl-C ends every session cleanly.");
                    say.flush();
                    List<PipelineOutcome> outcomes = runner.run(runs, duration, session.stopTimeout);
                    code = runner.finish(outcomes, session.summaryJson, cfg.document().env()::hide);
                    InspectHint.print(say, outcomes, stack != null ? session.stackOptions.dataDir : null,
                            session.stackOptions.ports.kafkaPort,
                            stack != null ? null : overrides.kafkaBootstrap());
                } finally {
                    // Stopped before finish(code): on SIGTERM the hook ends the JVM as soon as the code is in, and
                    // the broker must have written its clean-shutdown marker by then, or its next start recovers logs.
                    ViewOption.stop(shown);
                    EmbeddedStackOptions.stop(stack);
                }
                return shutdown.finish(code);
            } finally {
                EmbeddedStackOptions.stop(stack);
            }
        }
    }

    private ConfigDocument load(AppEnvironment env) throws IOException {
        YamlConfigLoader loader = new YamlConfigLoader(env.env());
        if (config != null) {
            return loader.load(config);
        }
        try (InputStream in = RunCommand.class.getResourceAsStream(DEMO)) {
            if (in == null) {
                throw new IllegalStateException("the built-in demo config is missing from the jar");
            }
            return loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.yaml (built in)",
                    Path.of("").toAbsolutePath());
        }
    }
}
