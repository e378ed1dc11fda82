package io.slipstream.app.cli;

import io.slipstream.app.plugins.ProviderRegistry;
import io.slipstream.app.run.Endpoints;
import io.slipstream.app.run.PipelineFactory;
import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineRun;
import io.slipstream.app.status.LiveConsole;
import io.slipstream.app.run.ReplayPlan;
import io.slipstream.app.view.ViewServer;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.spi.SourceProvider;
import io.slipstream.streamapi.EmbeddedStack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipstream replay FILE...}: recorded files into ATLAS with no config file, one session per file. */
@Command(name = "replay", description = {
        "Replay recorded files into ATLAS, one session per file, each read by the provider that declares its",
        "extension (.ibt -> iracing, .csv/.csv.gz -> csv) with that provider's defaults.",
        "Writes to the embedded stack unless --stream-api is given."})
public final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to replay.")
    List<Path> files;

    @ArgGroup(exclusive = true)
    Pacing pacing;

    /** {@code --realtime} or {@code --fast}. */
    static final class Pacing {
        @Option(names = "--realtime", description = "Re-time samples to now and replay at the recorded rate.")
        boolean realtime;

        @Option(names = "--fast", description = "Replay as fast as the Stream API takes it, with the recorded timestamps (default).")
        boolean fast;
    }

    @Option(names = "--data-source", paramLabel = "DS", description = "ATLAS data source (default: the sink's default, Slipstream).")
    String dataSource;

    @Mixin
    SessionOptions session;

    @Mixin
    ViewOption view;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean realtime = pacing != null && pacing.realtime;
        try (ProviderRegistry registry = session.plugins.load()) {
            Map<Path, SourceProvider> plan = new LinkedHashMap<>();
            List<String> problems = new ArrayList<>();
            for (Path f : files) {
                if (!Files.isReadable(f) || Files.isDirectory(f)) {
                    problems.add(f + ": no such file, or it cannot be read");
                    continue;
                }
                registry.forFile(f).ifPresentOrElse(p -> plan.put(f, p), () -> problems.add(f
                        + ": no source provider opens this kind of file; known extensions: " + registry.knownExtensions()));
            }
            if (!problems.isEmpty()) {
                problems.forEach(err::println);
                err.println("Nothing was replayed.");
                return ExitCodes.USAGE;
            }
            Endpoints overrides;
            try {
                overrides = session.addresses.endpoints(root.environment().env());
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Optional<String> taken = overrides.streamApi() == null ? session.stackOptions.taken() : Optional.empty();
            if (taken.isPresent()) {
                return StackPortOptions.refuse(err, taken.get());
            }
            LiveConsole console = SessionRunner.console(root.environment(), out);
            PrintWriter say = console.chatter();
            EmbeddedStack stack = overrides.streamApi() == null ? session.stackOptions.start(say) : null;
            try (SessionRunner runner = new SessionRunner(console, out, 0);
                 GracefulShutdown shutdown = GracefulShutdown.install(root.environment(), runner::requestStop,
                         runner::forceStop, session.stopTimeout.plusSeconds(10))) {
                int code;
                ViewServer shown = null;
                try {
                    Endpoints embedded = stack == null ? null : EmbeddedStackOptions.endpoints(stack);
                    SinkSettings base = dataSource == null ? SinkSettings.defaults() : SinkSettings.defaults().withDataSource(dataSource);
                    shown = view.start((embedded != null ? embedded : overrides).kafkaConnection(), base.dataSource(), say);
                    List<PipelineOutcome> outcomes = new ArrayList<>();
                    for (Map.Entry<Path, SourceProvider> e : plan.entrySet()) {
                        if (runner.stopped()) {
                            say.println("Stopped: " + e.getKey() + " and later files were not replayed.");
                            break;
                        }
                        SourceProvider provider = e.getValue();
                        PipelineRun run = new PipelineRun(e.getKey().getFileName().toString(),
                                provider.name() + ", file: " + e.getKey() + ", pacing: " + (realtime ? "realtime" : "fast"),
                                provider.create(ReplayPlan.sourceConfig(provider, e.getKey(), realtime)),
                                ReplayPlan.pipelineSettings(provider, realtime),
                                PipelineFactory.resolve(base, true, overrides, embedded), PipelineClock.system());
                        String stage = "file " + (outcomes.size() + 1) + " of " + plan.size();
                        say.println("Replaying " + stage + ": " + e.getKey() + (realtime ? " in real time" : " as fast as it is taken"));
                        say.print(run.describe());
                        say.flush();
                        console.heading(plan.size() > 1 ? "Replaying " + stage + ": " + e.getKey().getFileName() : null);
                        outcomes.addAll(runner.run(List.of(run), null, session.stopTimeout));
                    }
                    code = runner.finish(outcomes, session.summaryJson);
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
}
