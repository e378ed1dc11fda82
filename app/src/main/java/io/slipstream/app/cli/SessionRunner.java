package io.slipstream.app.cli;

import io.slipstream.app.http.AppHttpServer;
import io.slipstream.app.json.Json;
import io.slipstream.app.logging.ConsoleLog;
import io.slipstream.app.metrics.AppMetrics;
import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineRun;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.app.run.RunCoordinator;
import io.slipstream.app.status.RunSummary;
import io.slipstream.app.status.LiveConsole;
import io.slipstream.app.status.OutputMode;
import io.slipstream.app.status.StatusPrinter;
import io.slipstream.app.status.TerminalSupport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What {@code run} and {@code replay} share: running pipelines with a live status and optional metrics,
 * stopping them on Ctrl-C, and the end summary (text and {@code --summary-json}).
 */
final class SessionRunner implements AutoCloseable {

    private final LiveConsole console;
    private final PrintWriter out;
    private final AppMetrics metrics;
    private final AppHttpServer http;
    private volatile RunCoordinator current;
    private volatile boolean stopped;

    /**
     * @param env the process: whether output is a terminal
     * @param out standard output
     * @return the live status for {@code --quiet}, {@code --log-format} and the terminal; its
     *         {@link LiveConsole#chatter() chatter} takes the command's other words
     */
    static LiveConsole console(AppEnvironment env, PrintWriter out) {
        OutputMode mode = OutputMode.choose(env.terminal(), ConsoleLog.isQuiet(), ConsoleLog.format());
        return new LiveConsole(out, mode, TerminalSupport::width, System::nanoTime);
    }

    SessionRunner(LiveConsole console, PrintWriter out, int metricsPort) {
        this.console = console;
        this.out = out;
        if (metricsPort > 0) {
            this.metrics = new AppMetrics(this::statuses);
            try {
                this.http = AppHttpServer.on(metricsPort).routes(metrics::routes).start();
            } catch (RuntimeException e) {
                metrics.close();
                throw e;
            }
        } else {
            this.metrics = null;
            this.http = null;
        }
    }

    private List<PipelineStatus> statuses() {
        RunCoordinator c = current;
        return c == null ? List.of() : c.statuses();
    }

    /** Stops the pipelines running now and any that would follow. */
    void requestStop() {
        if (!stopped) {
            console.stopping(statuses());
        }
        stopped = true;
        RunCoordinator c = current;
        if (c != null) {
            c.requestStop();
        }
    }

    /** A second Ctrl-C: says what stopping now loses; the caller then ends the process. */
    void forceStop() {
        console.forced(statuses());
    }

    /** @return whether a stop was requested */
    boolean stopped() {
        return stopped;
    }

    List<PipelineOutcome> run(List<PipelineRun> runs, Duration duration, Duration stopTimeout) throws InterruptedException {
        if (metrics != null) {
            runs.forEach(r -> r.onBlockLatency(nanos -> metrics.blockLatency(r.name(), nanos)));
        }
        RunCoordinator coordinator = new RunCoordinator(runs, stopTimeout);
        current = coordinator;
        if (stopped) {
            coordinator.requestStop();
        }
        ConsoleLog.live(console);
        try (StatusPrinter status = new StatusPrinter(coordinator::statuses, console)) {
            status.start();
            return coordinator.run(duration);
        } finally {
            ConsoleLog.live(null);
        }
    }

    /**
     * Prints the summary and writes the JSON file.
     *
     * @param outcomes    every pipeline's outcome
     * @param summaryJson where to write the JSON, or null
     * @return the exit code: 0 when every pipeline ended cleanly
     * @throws IOException when the JSON cannot be written
     */
    int finish(List<PipelineOutcome> outcomes, Path summaryJson) throws IOException {
        return finish(outcomes, summaryJson, UnaryOperator.identity());
    }

    /**
     * As {@link #finish(List, Path)}, with the JSON file passed through {@code hide} too (what is printed goes through
     * the caller's writer, which hides on its own).
     */
    int finish(List<PipelineOutcome> outcomes, Path summaryJson, UnaryOperator<String> hide) throws IOException {
        RunSummary summary = new RunSummary(outcomes);
        if (console.mode() == OutputMode.JSON) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "summary");
            line.putAll(summary.toMap());
            out.println(Json.write(line));
        } else {
            out.print(summary.text());
        }
        if (summaryJson != null) {
            summary.writeJson(summaryJson, hide);
            console.chatter().println("Summary written to " + summaryJson);
        }
        console.chatter().flush();
        out.flush();
        return summary.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
            metrics.close();
        }
    }
}
