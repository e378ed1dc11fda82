package io.slipstream.spi;

import java.time.Duration;
import java.util.function.ToLongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Real-time pacing for a replaying source: each item is let through when the context's clock reaches the item's
 * due time, on the context's {@link SourceContext#scheduler() scheduler}, so that under
 * {@code StepVerifier.withVirtualTime} a replay runs in virtual time. Items already due pass at once, in order;
 * nothing is dropped or reordered, and one item is waited for at a time (a replay that falls behind catches up
 * as fast as downstream takes it, without bunching timers).
 *
 * <pre>{@code
 * Flux<Row> rows = RealTimePacer.pace(readRows(), Row::timeNanos, ctx);
 * }</pre>
 */
public final class RealTimePacer {

    private RealTimePacer() {
    }

    /**
     * @param items    the items in time order
     * @param dueNanos each item's due time on the context's clock, ns since the Unix epoch
     * @param context  the source's context: its clock and scheduler
     * @param <T>      the item type
     * @return the same items, each emitted no earlier than its due time
     */
    public static <T> Flux<T> pace(Flux<T> items, ToLongFunction<? super T> dueNanos, SourceContext context) {
        return items.concatMap(item -> {
            long wait = dueNanos.applyAsLong(item) - context.nowNanos();
            return wait <= 0 ? Mono.just(item) : Mono.delay(Duration.ofNanos(wait), context.scheduler()).thenReturn(item);
        });
    }
}
