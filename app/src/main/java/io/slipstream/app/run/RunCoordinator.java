package io.slipstream.app.run;

import io.slipstream.sink.streamapi.SinkSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Runs several pipelines concurrently until they all end, a duration passes or a stop is requested
 * (Ctrl-C); then stops each cleanly and waits a bounded time for their sessions to end.
 */
public final class RunCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);

    private final List<PipelineRun> runs;
    private final Duration stopTimeout;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /**
     * @param runs        the pipelines
     * @param stopTimeout how long a stopped pipeline may take to flush and end its session
     */
    public RunCoordinator(List<PipelineRun> runs, Duration stopTimeout) {
        this.runs = List.copyOf(runs);
        this.stopTimeout = stopTimeout;
    }

    /** Asks every pipeline to end cleanly; safe from any thread, e.g. a shutdown hook. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /**
     * @param duration how long to run, or null to run until the sources end or a stop is requested
     * @return each pipeline's outcome, in the order given
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public List<PipelineOutcome> run(Duration duration) throws InterruptedException {
        int n = runs.size();
        AtomicReferenceArray<PipelineOutcome> outcomes = new AtomicReferenceArray<>(n);
        CountDownLatch done = new CountDownLatch(n);
        List<Disposable> subscriptions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            subscriptions.add(runs.get(i).run().subscribe(o -> {
                if (outcomes.compareAndSet(index, null, o)) {
                    done.countDown();
                }
            }));
        }
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (!done.await(0, TimeUnit.MILLISECONDS)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.info("Run duration of {} reached: ending every session", duration);
                break;
            }
            if (stopRequested.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
                LOG.info("Stop requested: ending every session");
                break;
            }
        }
        runs.forEach(PipelineRun::stop);
        if (!done.await(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            for (int i = 0; i < n; i++) {
                if (outcomes.get(i) == null) {
                    subscriptions.get(i).dispose();
                    PipelineRun run = runs.get(i);
                    SinkSnapshot sink = run.status().sink();
                    String why = sink.sessionKey() == null
                            ? "no session was ever created at the Stream API " + run.sinkSettings().streamApi()
                            : "the sink was " + sink.state();
                    outcomes.compareAndSet(i, null, run.failed(new TimeoutException("did not end its session within "
                            + stopTimeout.toSeconds() + " s of being stopped (" + why + ")")));
                }
            }
        }
        runs.forEach(PipelineRun::close);
        List<PipelineOutcome> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(outcomes.get(i));
        }
        return out;
    }

    /** @return every pipeline's counters now */
    public List<PipelineStatus> statuses() {
        return runs.stream().map(PipelineRun::status).toList();
    }
}
