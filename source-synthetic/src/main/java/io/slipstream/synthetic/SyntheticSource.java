package io.slipstream.synthetic;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;

/**
 * Generated signals, paced in real time or as fast as downstream demands.
 *
 * <p>Real time: one periodic timer per cadence ({@link GridTicks}) on {@link SourceContext#scheduler()}, the first
 * tick at subscription ({@link SourceContext#nowNanos()} then is the cadence's origin); tick n stamps every channel of the
 * cadence with origin + n x interval, the instant the scheduler's clock scheduled it for, as a logger stamps from its own
 * sample clock. Like a live sensor it does not wait for demand: the pipeline's overflow policy decides what happens
 * when downstream falls behind. Fast: stamps start at the clock's reading at subscription and advance exactly by
 * each interval; samples are made only on request.
 *
 * <p>Channels with irregular timing (jittered or Poisson) and events tick at the times their {@link Timing} gives,
 * the same times in both pacings: in real time each tick is scheduled on the context's scheduler for its instant
 * ({@link ScheduledTicks}), fast pacing walks them in time order with the grid's ticks. An event's occurrences are
 * emitted in the same flux, after the events are declared through {@link SourceContext#declareEvents}.
 */
final class SyntheticSource implements TelemetrySource {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticSource.class);

    private final List<ChannelSpec> specs;
    private final List<Cadence> cadences;
    private final boolean realtime;
    private final Duration duration;
    private final SessionMetadata metadata;

    /**
     * @param specs    the channels, at least one
     * @param realtime true for real-time pacing, false for fast
     * @param duration sample time to run for, or null for ever
     * @param metadata the session details (the start is filled in at subscription)
     */
    SyntheticSource(List<ChannelSpec> specs, boolean realtime, Duration duration, SessionMetadata metadata) {
        this.specs = List.copyOf(specs);
        this.cadences = Cadence.of(specs);
        this.realtime = realtime;
        this.duration = duration;
        this.metadata = metadata;
    }

    @Override
    public Flux<SampleValue> samples(SourceContext context) {
        return Flux.defer(() -> {
            List<ChannelDefinition> defs = new ArrayList<>(specs.size());
            List<EventDefinition> events = new ArrayList<>();
            specs.forEach(s -> {
                if (s.isEvent()) {
                    events.add(s.event());
                } else {
                    defs.add(s.definition());
                }
            });
            long start = context.nowNanos();
            context.declareChannels(defs);
            if (!events.isEmpty()) {
                // Only a source with events asks for them, so one without still runs on a context that predates them.
                context.declareEvents(events);
            }
            context.sessionMetadata(metadata.withStart(Instant.ofEpochSecond(0, start)));
            LOG.info("Synthetic source started: {} channels and {} events at {} timings, {} pacing{}", defs.size(),
                    events.size(), cadences.size(), realtime ? "real-time" : "fast",
                    duration == null ? "" : ", for " + duration);
            Flux<SampleValue> samples = realtime ? paced(context, start) : fast(start);
            return samples.doOnCancel(() -> LOG.info("Synthetic source cancelled"))
                    .doOnComplete(() -> LOG.info("Synthetic source completed"));
        });
    }

    private Flux<SampleValue> paced(SourceContext context, long start) {
        long limit = duration == null ? Long.MAX_VALUE : duration.toNanos();
        List<Flux<SampleValue>> parts = new ArrayList<>(cadences.size());
        for (Cadence c : cadences) {
            Flux<long[]> ticks = c.onGrid() ? gridTicks(context, c) : ScheduledTicks.of(c.timing(), context, limit);
            parts.add(held(ticks, c, context).concatMapIterable(t -> c.samplesAt(t[1], start, t[0])));
        }
        return Flux.merge(parts);
    }

    private Flux<long[]> gridTicks(SourceContext context, Cadence c) {
        // Like a data logger stamping from its own sample clock, tick n is stamped with the instant the timer
        // scheduled it for, origin + n x interval: a late or bursty timer thread (ms of jitter on a busy JVM)
        // delays when a sample is emitted, never when it says it was read, so traces stay on their grid. The
        // origin is read as the timer is scheduled (at subscription of the ticks), not at the start: declaring the
        // channels and subscribing the chain in between took 4 ms on a cold JVM, and every sample of the session came
        // out that much "older" than it was. The start stays the signals' phase.
        return GridTicks.of(context, c.intervalNanos(),
                duration == null ? Long.MAX_VALUE : c.ticksWithin(duration.toNanos()));
    }

    private static Flux<long[]> held(Flux<long[]> ticks, Cadence c, SourceContext context) {
        // A timer cannot wait for demand: without a buffer of its own, a stall of a few ticks downstream (a busy
        // machine, a GC pause) made the timer (then Flux.interval) fail the whole source. Up to a second of ticks is
        // held; past that the oldest tick's samples are dropped and reported, like a sensor whose reader fell behind.
        int held = (int) Math.max(16, Math.min(100_000, 1_000_000_000L / c.intervalNanos()));
        if (c.isEvent()) {
            // An event is never dropped (ATLAS would not show what happened): an overrun fails the source instead,
            // after the held occurrences are delivered. Falling that far behind takes a stall of 16 occurrences or
            // a second, whichever is longer: the run is lost by then anyway.
            EventDefinition event = c.channels().get(0).event();
            long[] lost = new long[2];
            return ticks.onBackpressureBuffer(held, t -> System.arraycopy(t, 0, lost, 0, 2), BufferOverflowStrategy.ERROR)
                    .onErrorMap(Exceptions::isOverflow, e -> new IllegalStateException(event + ": downstream fell "
                            + "more than " + held + " occurrences behind; occurrence " + lost[0] + " at "
                            + Instant.ofEpochSecond(0, lost[1]) + " could not be held, and an event is never dropped, "
                            + "so the source stops", e));
        }
        return ticks.onBackpressureBuffer(held, dropped -> context.report(new SourceProblem("overrun",
                        "synthetic cadence of " + c.intervalNanos() + " ns, tick " + dropped[0],
                        "downstream fell " + held + " ticks behind; the oldest tick's samples were dropped",
                        c.channels().size())),
                BufferOverflowStrategy.DROP_OLDEST);
    }

    private Flux<SampleValue> fast(long start) {
        long limit = duration == null ? Long.MAX_VALUE : duration.toNanos();
        return Flux.generate(() -> new FastSchedule(cadences, start, limit), (schedule, sink) -> {
            SampleValue next = schedule.next();
            if (next == null) {
                sink.complete();
            } else {
                sink.next(next);
            }
            return schedule;
        });
    }
}
