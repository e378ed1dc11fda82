package io.slipstream.app.status;

import io.slipstream.app.run.PipelineStatus;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the pipelines' live status while they run: on a terminal one line per pipeline redrawn four times a
 * second; otherwise one INFO log line per pipeline every five seconds.
 */
public final class StatusPrinter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPrinter.class);

    private final Supplier<List<PipelineStatus>> statuses;
    private final PrintWriter out;
    private final boolean terminal;
    private final ScheduledExecutorService timer;
    private final Map<String, PipelineStatus> previous = new HashMap<>();
    private long previousNanos;
    private int linesDrawn;

    /**
     * @param statuses reads the pipelines' counters
     * @param out      the terminal (used only when {@code terminal})
     * @param terminal whether output is a terminal
     */
    public StatusPrinter(Supplier<List<PipelineStatus>> statuses, PrintWriter out, boolean terminal) {
        this.statuses = statuses;
        this.out = out;
        this.terminal = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipstream-status");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts refreshing. */
    public void start() {
        long period = terminal ? 250 : 5000;
        previousNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    private synchronized void refresh() {
        try {
            long now = System.nanoTime();
            List<PipelineStatus> current = statuses.get();
            StringBuilder sb = new StringBuilder();
            if (terminal && linesDrawn > 0) {
                sb.append("\u001b[").append(linesDrawn).append('A');
            }
            for (PipelineStatus s : current) {
                String line = StatusLine.format(s, previous.get(s.name()), now - previousNanos);
                if (terminal) {
                    sb.append('\r').append(line).append("\u001b[K\n");
                } else {
                    LOG.info("{}", line);
                }
                previous.put(s.name(), s);
            }
            previousNanos = now;
            if (terminal) {
                out.print(sb);
                out.flush();
                linesDrawn = current.size();
            }
        } catch (RuntimeException e) {
            LOG.debug("Status refresh failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
