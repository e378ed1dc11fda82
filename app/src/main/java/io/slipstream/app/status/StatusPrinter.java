package io.slipstream.app.status;

import io.slipstream.app.run.PipelineStatus;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipelines' status on a timer and hands it to the {@link LiveConsole}: four times a second on a
 * terminal (often enough to look live, rarely enough to cost nothing), every five seconds as log lines or JSON.
 */
public final class StatusPrinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPrinter.class);

    private final Supplier<List<PipelineStatus>> statuses;
    private final LiveConsole console;
    private final ScheduledExecutorService timer;

    /**
     * @param statuses reads the pipelines' counters
     * @param console  where they are shown
     */
    public StatusPrinter(Supplier<List<PipelineStatus>> statuses, LiveConsole console) {
        this.statuses = statuses;
        this.console = console;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipstream-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts refreshing. */
    public void start() {
        if (console.mode() == OutputMode.QUIET) {
            return;
        }
        long period = console.mode() == OutputMode.TERMINAL ? 250 : 5000;
        timer.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            console.update(statuses.get());
        } catch (RuntimeException e) {
            LOG.debug("Status refresh failed", e);
        }
    }

    /** Stops refreshing; on a terminal draws the final reading once more, so that the last figures stay on screen. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (console.mode() == OutputMode.TERMINAL) {
            try {
                console.last(statuses.get());
            } catch (RuntimeException e) {
                LOG.debug("Last status reading failed", e);
            }
        }
        console.finish();
    }
}
