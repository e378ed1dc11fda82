package io.slipstream.pipeline;

import io.slipstream.pipeline.assembly.BlockAssembler;
import io.slipstream.spi.SampleValue;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * The pipeline's one serial stage as a single operator: samples go from the source's flux straight into the
 * {@link BlockAssembler}, and what it completes goes downstream as far as downstream asks. The linger ticks do not
 * travel with the samples: a periodic task on the clock's scheduler counts them, and the same drain loop that takes
 * the samples applies them, so the assembler is still fed serially.
 *
 * <p>Why not {@code Flux.merge(samples, ticks).concatMapIterable(...)}: a merge of two sources cannot fuse, so every
 * sample was queued twice, wrapped in an input record (16 B) and passed through three more operators; that chain was
 * about a fifth of the pipeline thread's CPU at 120 channels × 60 Hz (JFR). Here a sample costs one offer and one
 * poll of a 32-slot queue.
 *
 * <p>What it keeps from that chain, because tests and the overflow policies depend on it: upstream is asked for
 * {@value #PREFETCH} samples and for {@value #LIMIT} more each time {@value #LIMIT} have been assembled and their
 * output sent (a sample whose output waits for demand is not yet consumed); when the samples end, or fail, what was
 * assembled is sent first ({@link BlockAssembler#finish()}), then the completion or the error; a source that sends
 * more than it was asked for fails at once with Reactor's overflow error; an error of the assembly itself cancels
 * the source and fails at once. Up to {@value #TICKS} ticks wait while the stage is busy; more are dropped, as
 * {@code onBackpressureDrop} did.
 */
final class AssemblyFlux extends Flux<PipelineEvent> {

    /** Samples asked of upstream at first: Reactor's {@code Queues.XS_BUFFER_SIZE}, what the old chain took. */
    static final int PREFETCH = 32;
    /** Samples consumed before asking for as many again: three quarters of the prefetch, as Reactor does. */
    static final int LIMIT = PREFETCH - (PREFETCH >> 2);
    /** Linger ticks that may wait for the stage. */
    static final int TICKS = 32;

    private final Flux<SampleValue> samples;
    private final BlockAssembler assembler;
    private final Scheduler tickScheduler;
    private final long tickPeriodNanos;

    /**
     * @param samples         the samples, after the buffer
     * @param assembler       the run's assembler, fed only by this operator
     * @param tickScheduler   where the linger ticks come from
     * @param tickPeriodNanos how often they come
     */
    AssemblyFlux(Flux<SampleValue> samples, BlockAssembler assembler, Scheduler tickScheduler, long tickPeriodNanos) {
        this.samples = samples;
        this.assembler = assembler;
        this.tickScheduler = tickScheduler;
        this.tickPeriodNanos = tickPeriodNanos;
    }

    @Override
    public void subscribe(CoreSubscriber<? super PipelineEvent> actual) {
        samples.subscribe(new Stage(actual, assembler, this));
    }

    private static final class Stage implements CoreSubscriber<SampleValue>, Subscription {

        private final CoreSubscriber<? super PipelineEvent> actual;
        private final BlockAssembler assembler;
        private final AssemblyFlux parent;
        /** Holds what was asked for and not yet consumed: at most the two prefetches of the old pair (see replenish). */
        private final Queue<SampleValue> queue = Queues.<SampleValue>get(2 * PREFETCH).get();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicInteger ticks = new AtomicInteger();
        private final Disposable.Swap tickTask = Disposables.swap();

        private Subscription upstream;
        /** Samples received from upstream; written by onNext only. */
        private volatile long arrived;
        private volatile boolean done;
        private volatile boolean cancelled;
        /** Written before {@link #done}. */
        private Throwable failure;
        /** The source sent more than asked for: fail without finishing. Written before {@link #done}. */
        private boolean overflowed;

        // Owned by the drain loop.
        private List<PipelineEvent> current;
        private int index;
        private boolean currentFromSample;
        private long consumed;
        /** Samples the old merge would have passed on to the assembly, and of those, not yet asked for again. */
        private long passedOn;
        private long notAskedAgain;
        private boolean finished;

        Stage(CoreSubscriber<? super PipelineEvent> actual, BlockAssembler assembler, AssemblyFlux parent) {
            this.actual = actual;
            this.assembler = assembler;
            this.parent = parent;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (!Operators.validate(upstream, s)) {
                return;
            }
            upstream = s;
            actual.onSubscribe(this);
            if (cancelled) {
                return;
            }
            try {
                tickTask.update(parent.tickScheduler.schedulePeriodically(this::tick, parent.tickPeriodNanos,
                        parent.tickPeriodNanos, TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                s.cancel();
                actual.onError(Operators.onRejectedExecution(e, currentContext()));
                return;
            }
            s.request(PREFETCH);
        }

        @Override
        public void onNext(SampleValue sample) {
            if (done) {
                Operators.onNextDropped(sample, currentContext());
                return;
            }
            arrived++; // one upstream thread at a time
            if (!queue.offer(sample)) {
                upstream.cancel();
                failure = Operators.onOperatorError(upstream,
                        Exceptions.failWithOverflow(Exceptions.BACKPRESSURE_ERROR_QUEUE_FULL), sample,
                        currentContext());
                overflowed = true;
                done = true;
            }
            drain();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, currentContext());
                return;
            }
            failure = t;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                long r;
                do {
                    r = requested.get();
                } while (r != Long.MAX_VALUE && !requested.compareAndSet(r, Operators.addCap(r, n)));
                drain();
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            upstream.cancel();
            tickTask.dispose();
            if (wip.getAndIncrement() == 0) {
                clear();
            }
        }

        /**
         * Asks upstream for more the way the old {@code merge → concatMapIterable} pair did, so that the samples held
         * outside the buffer stay what they were (OverflowTest traces them): the assembly's side held
         * {@value #PREFETCH} and asked for {@value #LIMIT} more per {@value #LIMIT} consumed; the merge's side passed
         * samples on as far as the assembly asked, and asked upstream again for what it had passed on once that
         * reached {@value #LIMIT} (a batch passed on at once can make that more than {@value #LIMIT}).
         */
        private void replenish() {
            long passable = Math.min(arrived, PREFETCH + LIMIT * (consumed / LIMIT));
            if (passable > passedOn) {
                notAskedAgain += passable - passedOn;
                passedOn = passable;
                if (notAskedAgain >= LIMIT) {
                    long n = notAskedAgain;
                    notAskedAgain = 0;
                    upstream.request(n);
                }
            }
        }

        private void tick() {
            if (ticks.get() < TICKS) {
                ticks.incrementAndGet();
            }
            drain();
        }

        private void clear() {
            current = null;
            Operators.onDiscardQueueWithClear(queue, currentContext(), null);
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            for (;;) {
                if (cancelled) {
                    clear();
                    return;
                }
                replenish();
                List<PipelineEvent> out = current;
                if (out != null) {
                    int n = out.size();
                    int i = index;
                    if (i < n) {
                        long r = requested.get();
                        long e = 0;
                        while (i < n && e != r) {
                            actual.onNext(out.get(i++));
                            e++;
                            if (cancelled) {
                                clear();
                                return;
                            }
                        }
                        index = i;
                        if (e != 0 && r != Long.MAX_VALUE) {
                            requested.addAndGet(-e);
                        }
                        if (i < n) {
                            missed = wip.addAndGet(-missed);
                            if (missed == 0) {
                                return;
                            }
                            continue;
                        }
                    }
                    current = null;
                    if (currentFromSample) {
                        currentFromSample = false;
                        consumed++;
                    }
                }
                boolean d = done;
                if (d && overflowed) {
                    terminate(failure);
                    return;
                }
                if (!finished && ticks.get() > 0) {
                    ticks.decrementAndGet();
                    if (!apply(null)) {
                        return;
                    }
                    continue;
                }
                SampleValue sample = queue.poll();
                if (sample != null) {
                    if (!apply(sample)) {
                        return;
                    }
                    continue;
                }
                if (d) {
                    if (!finished) {
                        finished = true;
                        tickTask.dispose();
                        if (!apply(null)) {
                            return;
                        }
                        continue;
                    }
                    terminate(failure);
                    return;
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /**
         * Feeds the assembler a sample, or a tick ({@code null} before the end), or the end ({@code null} once
         * {@link #finished}).
         *
         * @return false when the assembly failed and the stage has terminated
         */
        private boolean apply(SampleValue sample) {
            try {
                if (sample != null) {
                    current = assembler.onSample(sample);
                } else {
                    current = finished ? assembler.finish() : assembler.onTick();
                }
            } catch (Throwable t) {
                Throwable e = Operators.onOperatorError(upstream, t, sample, currentContext());
                upstream.cancel();
                terminate(e);
                return false;
            }
            index = 0;
            currentFromSample = sample != null;
            return true;
        }

        private void terminate(Throwable error) {
            cancelled = true;
            tickTask.dispose();
            clear();
            if (error == null) {
                actual.onComplete();
            } else {
                actual.onError(error);
            }
        }
    }
}
