package io.slipstream.pipeline;

import io.slipstream.pipeline.assembly.BlockAssembler;
import io.slipstream.pipeline.assembly.ChannelRegistry;
import io.slipstream.pipeline.assembly.PipelineSourceContext;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;

/**
 * One source turned into the events a sink sends: {@link Configuration}s, gapless {@link Block}s per rate group for
 * channels that keep a fixed rate, timestamped {@link Rows} for the others, {@link EventOccurrence}s, and
 * {@link Marker}s after the data holding their time.
 *
 * <p>Shape: source → bounded buffer with the overflow policy → block assembly (one serial stage, driven by the
 * samples' own clock, plus a linger check every quarter of the linger time on the clock's scheduler). When the
 * source ends, open blocks and the markers they cover are sent, then the events complete. When the source fails,
 * or the buffer overflows under {@link OverflowPolicy#FAIL}, what was assembled is sent first, then the error.
 * Samples still inside when the events are cancelled or fail are counted as dropped ({@code cancelled},
 * {@code failed}), so that {@code received == emitted + dropped} holds however the run ends; markers whose block
 * had not left are counted as {@link CountersSnapshot#markersDropped() dropped markers}.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /**
     * Samples the hand-off to the assembly thread holds beyond the buffer: Reactor's small prefetch, so that the
     * buffer (whose policy acts) is where samples wait, not an unbounded queue in front of it.
     */
    static final int HANDOFF_SAMPLES = 256;

    private final TelemetrySource source;
    private final PipelineSettings settings;
    private final PipelineClock clock;
    private final PipelineCounters counters;
    private final Scheduler handoff;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    private Pipeline(TelemetrySource source, PipelineSettings settings, PipelineClock clock, Scheduler handoff) {
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        OverflowSettings overflow = settings.overflow();
        boolean buffered = overflow.policy() != OverflowPolicy.BLOCK;
        this.handoff = buffered ? handoff : null;
        this.counters = new PipelineCounters(!buffered ? 0
                : overflow.buffer() + (this.handoff == null ? 0 : HANDOFF_SAMPLES));
    }

    /**
     * @param source   the source; subscribed when the events are
     * @param settings block, marker and overflow settings
     * @param clock    the clock for linger and the source's context
     * @return the pipeline
     */
    public static Pipeline of(TelemetrySource source, PipelineSettings settings, PipelineClock clock) {
        return new Pipeline(source, settings, clock, null);
    }

    /**
     * A pipeline whose block assembly runs on {@code handoff}, not on the source's thread: the source only puts its
     * samples into the bounded buffer (whose policy acts when it is full) and returns at once, so that a stall in
     * assembly or in the sink never delays a live source's timer. The hand-off itself holds at most
     * {@value #HANDOFF_SAMPLES} samples, counted in the buffer's fill. Under policy {@code block} there is no buffer
     * and no hand-off.
     *
     * @param source   the source; subscribed when the events are
     * @param settings block, marker and overflow settings
     * @param clock    the clock for linger and the source's context
     * @param handoff  where block assembly runs
     * @return the pipeline
     */
    public static Pipeline of(TelemetrySource source, PipelineSettings settings, PipelineClock clock,
                              Scheduler handoff) {
        return new Pipeline(source, settings, clock, Objects.requireNonNull(handoff, "handoff"));
    }

    /** @return the counters of this pipeline's run */
    public PipelineCounters counters() {
        return counters;
    }

    /**
     * The events; cold, and may be subscribed once (a second subscriber gets an {@link IllegalStateException}).
     * Subscribing subscribes the source.
     *
     * @return configurations, blocks, rows, event occurrences and markers in sending order
     */
    public Flux<PipelineEvent> events() {
        return Flux.defer(() -> {
            if (!subscribed.compareAndSet(false, true)) {
                return Flux.error(new IllegalStateException("a pipeline's events can be subscribed only once"));
            }
            return run();
        });
    }

    private Flux<PipelineEvent> run() {
        ChannelRegistry registry = new ChannelRegistry();
        PipelineSourceContext context = new PipelineSourceContext(registry, clock, counters);
        BlockAssembler assembler = new BlockAssembler(settings.block(), settings.markers(), counters, registry,
                clock::nowNanos);

        Flux<SampleValue> samples = buffered(Flux.defer(() -> source.samples(context)).doOnNext(this::received));
        Duration linger = settings.block().linger();
        long tickNanos = Math.max(1_000_000L, linger.toNanos() / 4);
        return new AssemblyFlux(samples, assembler, clock.scheduler(), tickNanos)
                .onErrorMap(e -> Exceptions.isOverflow(e) && settings.overflow().policy() == OverflowPolicy.BLOCK,
                        e -> new IllegalStateException("the source emitted more samples than were requested, which"
                                + " overflow policy 'block' does not allow; a live source needs overflow.policy"
                                + " drop-oldest, drop-newest or fail", e))
                .doOnSubscribe(s -> LOG.debug("Pipeline started: {}", settings))
                .doFinally(signal -> finished(signal));
    }

    private Flux<SampleValue> buffered(Flux<SampleValue> samples) {
        int size = settings.overflow().buffer();
        Flux<SampleValue> buffer = switch (settings.overflow().policy()) {
            case BLOCK -> samples;
            case DROP_OLDEST -> samples.onBackpressureBuffer(size, s -> overflowed(s, "overflow-oldest"),
                    BufferOverflowStrategy.DROP_OLDEST);
            case DROP_NEWEST -> samples.onBackpressureBuffer(size, s -> overflowed(s, "overflow-newest"),
                    BufferOverflowStrategy.DROP_LATEST);
            case FAIL -> samples.onBackpressureBuffer(size, s -> overflowed(s, "overflow-fail"),
                            BufferOverflowStrategy.ERROR)
                    .onErrorMap(Exceptions::isOverflow, e -> new BufferOverflowException(size, e));
        };
        if (settings.overflow().policy() == OverflowPolicy.BLOCK) {
            return buffer;
        }
        // Taken counts after the hand-off, so that the samples inside it show in the buffer's fill.
        return (handoff == null ? buffer : buffer.publishOn(handoff, HANDOFF_SAMPLES)).doOnNext(s -> counters.taken());
    }

    private void received(SampleValue sample) {
        counters.received();
        if (sample.isEvent()) {
            counters.eventReceived();
        }
    }

    /**
     * The buffer is full and drops (or, under {@code fail}, refuses) one item. A sample is counted; an event
     * occurrence is counted too, and under a dropping policy fails the run: Reactor turns the exception thrown here
     * into the buffer's error, so what was assembled is still sent first.
     */
    private void overflowed(SampleValue item, String reason) {
        if (!item.isEvent()) {
            counters.dropped(reason, 1);
            return;
        }
        counters.eventDropped(reason);
        OverflowSettings overflow = settings.overflow();
        if (overflow.policy() != OverflowPolicy.FAIL) {
            throw new EventDroppedException(item.channel().event(), item.timeNanos(), overflow.policy(),
                    overflow.buffer());
        }
    }

    private void finished(SignalType signal) {
        if (signal != SignalType.ON_COMPLETE) {
            long inside = counters.inFlight();
            if (inside > 0) {
                counters.dropped(signal == SignalType.CANCEL ? "cancelled" : "failed", inside);
            }
            counters.dropPending();
        }
        CountersSnapshot c = counters.snapshot();
        LOG.info("Pipeline {}: received {}, emitted {}, dropped {}, filled {}, invalid {}, backwards {}, off-grid {},"
                        + " blocks {}, rows {} in {} batches, events {} ({} dropped), markers {} ({} dropped)",
                signal == SignalType.ON_COMPLETE ? "completed" : "ended by " + signal,
                c.received(), c.emitted(), c.dropped(), c.filled(), c.invalid(), c.backwards(), c.offGrid(),
                c.blocks(), c.rows(), c.rowBatches(), c.events(), c.eventsDropped(), c.markers(), c.markersDropped());
    }
}
