package io.slipstream.synthetic;

import io.slipstream.spi.SourceContext;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Real-time ticks of a cadence on a fixed grid: one periodic task on the context's scheduler, the first tick at
 * subscription, as {@code Flux.interval} schedules them. It replaces {@code Flux.interval(...).map(...)}, which boxed
 * every tick's index into a {@code Long} only to copy it into the tick's array: one allocation per tick fewer and no
 * boxing. Like that timer it does not wait for demand (the source's hold buffer requests everything).
 */
final class GridTicks {

    private GridTicks() {
    }

    /**
     * @param context       the clock and the scheduler
     * @param intervalNanos time between ticks
     * @param ticks         how many ticks to make, or {@code Long.MAX_VALUE} for ever
     * @return per tick {@code {index, stamp}}: tick n is stamped origin + n x interval, the origin being the clock's
     *         reading at subscription
     */
    static Flux<long[]> of(SourceContext context, long intervalNanos, long ticks) {
        return Flux.create(sink -> {
            Emitter emitter = new Emitter(sink, context.nowNanos(), intervalNanos, ticks);
            try {
                sink.onDispose(context.scheduler().schedulePeriodically(emitter, 0, intervalNanos,
                        TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                sink.error(e);
            }
        }, FluxSink.OverflowStrategy.IGNORE);
    }

    /** The periodic task: the scheduler runs it one tick after another, so its fields need no locking. */
    private static final class Emitter implements Runnable {
        private final FluxSink<long[]> sink;
        private final long origin;
        private final long interval;
        private final long ticks;
        private long tick;

        Emitter(FluxSink<long[]> sink, long origin, long interval, long ticks) {
            this.sink = sink;
            this.origin = origin;
            this.interval = interval;
            this.ticks = ticks;
        }

        @Override
        public void run() {
            if (tick >= ticks || sink.isCancelled()) {
                return;
            }
            sink.next(new long[] {tick, origin + tick * interval});
            tick++;
            if (tick == ticks) {
                sink.complete();
            }
        }
    }
}
