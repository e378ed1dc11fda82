package io.slipstream.app.cli;

import io.slipstream.app.http.AppHttpServer;
import io.slipstream.app.metrics.AppMetrics;
import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineRun;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.app.run.RunCoordinator;
import io.slipstream.app.status.RunSummary;
import io.slipstream.app.status.StatusPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code run} and {@code replay} share: running pipelines with a live status and optional metrics,
 * stopping them on Ctrl-C, and the end summary (text and {@code --summary-json}).
 */
final class SessionRunner implements AutoCloseable {

    private final AppEnvironment env;
    private final PrintWriter out;
    private final AppMetrics metrics;
    private final AppHttpServer http;
    private volatile RunCoordinator current;
    private volatile boolean stopped;

    SessionRunner(AppEnvironment env, PrintWriter out, int metricsPort) {
        this.env = env;
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
        stopped = true;
        RunCoordinator c = current;
        if (c != null) {
            c.requestStop();
        }
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
        try (StatusPrinter status = new StatusPrinter(coordinator::statuses, out, env.terminal())) {
            status.start();
            return coordinator.run(duration);
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
        RunSummary summary = new RunSummary(outcomes);
        out.print(summary.text());
        if (summaryJson != null) {
            summary.writeJson(summaryJson);
            out.println("Summary written to " + summaryJson);
        }
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
