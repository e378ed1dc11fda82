package io.slipstream.pipeline;

import java.util.Objects;
import java.util.function.ToLongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * A hand-off from one thread to another that holds at most {@code capacity} bytes of items (always one item, however
 * big, so that nothing is stuck): when it is full it stops asking upstream for more, so the pressure goes back to the
 * pipeline's sample buffer, where the overflow policy decides. Items vary in size (a block of a 1,000-channel group at
 * 1 kHz is near a megabyte, a marker a few dozen bytes), so a bound in items would be no bound at all.
 *
 * <p>An item counts from the moment it is admitted until the consumer takes it (the first operator after the
 * hand-off): {@link #bytes()} is what waits between the two threads now.
 *
 * @param <T> the items
 */
public final class ByteBoundedQueue<T> {

    private final long capacity;
    private final int prefetch;
    private final ToLongFunction<? super T> size;
    private final Scheduler scheduler;

    // Guarded by this.
    private long used;
    private long waitingBytes;
    private MonoSink<Void> waiter;

    /**
     * @param capacity  the bound in bytes, at least 1
     * @param prefetch  the bound in items of the hand-off's own queue, at least 1
     * @param size      the size in bytes of an item
     * @param scheduler where the consumer runs
     */
    public ByteBoundedQueue(long capacity, int prefetch, ToLongFunction<? super T> size, Scheduler scheduler) {
        if (capacity < 1 || prefetch < 1) {
            throw new IllegalArgumentException("a queue needs room for one byte and one item, got " + capacity
                    + " bytes and " + prefetch + " items");
        }
        this.capacity = capacity;
        this.prefetch = prefetch;
        this.size = Objects.requireNonNull(size, "size");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * @param upstream the items, produced on any thread
     * @return the same items in order, delivered on the scheduler; subscribe once
     */
    public Flux<T> apply(Flux<T> upstream) {
        return upstream
                .concatMap(item -> admit(size.applyAsLong(item)).thenReturn(item), 1)
                .publishOn(scheduler, prefetch)
                .doOnNext(item -> release(size.applyAsLong(item)))
                .doFinally(signal -> clear());
    }

    /** @return the bytes admitted and not yet taken by the consumer */
    public synchronized long bytes() {
        return used;
    }

    /** @return the bound in bytes */
    public long capacity() {
        return capacity;
    }

    private Mono<Void> admit(long bytes) {
        synchronized (this) {
            if (used == 0 || used + bytes <= capacity) {
                used += bytes;
                return Mono.empty();
            }
        }
        return Mono.create(s -> {
            boolean now;
            synchronized (this) {
                now = used == 0 || used + bytes <= capacity;
                if (now) {
                    used += bytes;
                } else {
                    waiter = s;
                    waitingBytes = bytes;
                }
            }
            if (now) {
                s.success();
            }
        });
    }

    private void release(long bytes) {
        MonoSink<Void> wake = null;
        synchronized (this) {
            used -= bytes;
            if (waiter != null && (used == 0 || used + waitingBytes <= capacity)) {
                used += waitingBytes;
                wake = waiter;
                waiter = null;
            }
        }
        if (wake != null) {
            // Not on the consumer's thread: the producer's next steps (block assembly) must not run inside it.
            scheduler.schedule(wake::success);
        }
    }

    private synchronized void clear() {
        used = 0;
        waiter = null;
    }
}
