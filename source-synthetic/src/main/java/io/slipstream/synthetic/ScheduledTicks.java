package io.slipstream.synthetic;

import io.slipstream.spi.SourceContext;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * Real-time ticks of a cadence that is not on a fixed grid from the start (jittered, Poisson, or an event's
 * occurrences): each tick is scheduled on the context's scheduler for the instant its {@link Timing} gives and is
 * stamped with that instant, as the grid's periodic timer stamps its ticks. Like that timer it does not wait for
 * demand. Each delay is measured from the origin, not from the tick before, so a late timer thread delays one
 * emission and never shifts the ticks after it.
 */
final class ScheduledTicks {

    private ScheduledTicks() {
    }

    /**
     * @param timing        when the ticks fall
     * @param context       the clock and the scheduler
     * @param durationNanos sample time to run for ({@code Long.MAX_VALUE} for ever): the flux completes at the first
     *                      tick at or past it
     * @return per tick {@code {index, stamp}}, the stamp in ns since the Unix epoch; the origin is the clock's
     *         reading at subscription
     */
    static Flux<long[]> of(Timing timing, SourceContext context, long durationNanos) {
        return Flux.create(sink -> {
            Scheduler.Worker worker = context.scheduler().createWorker();
            sink.onDispose(worker);
            new Ticker(timing, context, durationNanos, worker, sink).scheduleNext();
        });
    }

    /** Schedules one tick at a time; the worker runs them one after another, so the fields need no locking. */
    private static final class Ticker implements Runnable {
        private final Timing timing;
        private final SourceContext context;
        private final long durationNanos;
        private final Scheduler.Worker worker;
        private final FluxSink<long[]> sink;
        private final long origin;
        private long tick;
        private long elapsed;

        Ticker(Timing timing, SourceContext context, long durationNanos, Scheduler.Worker worker,
               FluxSink<long[]> sink) {
            this.timing = timing;
            this.context = context;
            this.durationNanos = durationNanos;
            this.worker = worker;
            this.sink = sink;
            this.origin = context.nowNanos();
        }

        void scheduleNext() {
            elapsed = timing.elapsedAt(tick, elapsed);
            if (elapsed >= durationNanos) {
                sink.complete();
                return;
            }
            long delay = Math.max(0, origin + elapsed - context.nowNanos());
            try {
                worker.schedule(this, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // A cancel that lands while a tick runs disposes the worker under it; only then is a refusal expected.
                if (!sink.isCancelled()) {
                    sink.error(e);
                }
            }
        }

        @Override
        public void run() {
            if (sink.isCancelled()) {
                return;
            }
            sink.next(new long[] {tick, origin + elapsed});
            tick++;
            scheduleNext();
        }
    }
}
