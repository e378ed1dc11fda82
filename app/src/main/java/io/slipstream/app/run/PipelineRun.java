package io.slipstream.app.run;

import io.slipstream.app.status.StartupText;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.ByteBoundedQueue;
import io.slipstream.pipeline.Pipeline;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.sink.streamapi.SinkResult;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.sink.streamapi.StreamApiSink;
import io.slipstream.spi.TelemetrySource;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * One pipeline wired end to end: source, then block and marker assembly, then the Stream API sink, as one
 * ATLAS session.
 *
 * <p>{@link #stop()} ends it cleanly: the source's flux is completed (not cancelled), so the pipeline flushes
 * its open blocks and pending markers and the sink ends the session with EndOfSession and EndSession.
 */
public final class PipelineRun {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    /** Pipeline events (blocks, markers) queued for the sink, at most; beyond it the pipeline's buffer and policy act. */
    private static final int EVENT_QUEUE = 256;

    private final String name;
    private final String sourceLabel;
    private final TelemetrySource source;
    private final PipelineSettings settings;
    private final Pipeline pipeline;
    private final StreamApiSink sink;
    private final SinkSettings sinkSettings;
    private final PipelineClock clock;
    private final Sinks.Empty<Void> stop = Sinks.empty();
    private final ByteBoundedQueue<PipelineEvent> events;
    private volatile LongConsumer blockLatency = nanos -> { };
    private volatile long startedNanos;

    /**
     * @param name         the pipeline's name
     * @param source       the source, opened when the run starts
     * @param settings     block, marker and overflow settings
     * @param sinkSettings where and how to write
     * @param clock        the clock read times and linger come from
     */
    public PipelineRun(String name, TelemetrySource source, PipelineSettings settings, SinkSettings sinkSettings,
                       PipelineClock clock) {
        this(name, "a source", source, settings, sinkSettings, clock);
    }

    /**
     * @param name         the pipeline's name
     * @param sourceLabel  what the source reads, in words, for the start-up text (e.g. {@code iracing, file: lap.ibt})
     * @param source       the source, opened when the run starts
     * @param settings     block, marker and overflow settings
     * @param sinkSettings where and how to write
     * @param clock        the clock read times and linger come from
     */
    public PipelineRun(String name, String sourceLabel, TelemetrySource source, PipelineSettings settings,
                       SinkSettings sinkSettings, PipelineClock clock) {
        this.name = name;
        this.sourceLabel = sourceLabel;
        this.source = source;
        this.settings = settings;
        this.sinkSettings = sinkSettings;
        this.clock = clock;
        TelemetrySource stoppable = ctx -> source.samples(ctx).takeUntilOther(stop.asMono());
        // A live source (any policy but block) hands its samples to the bounded buffer and returns at once: block
        // assembly runs on a thread of its own, never on the source's timer threads (a stall there of a few tens of
        // ms made interval-paced sources fail with "Could not emit tick"). The hand-off sits behind the buffer, so
        // when anything downstream is full the policy acts instead of a queue growing.
        this.pipeline = Pipeline.of(stoppable, settings, clock, Schedulers.boundedElastic());
        // Bounded in bytes (overflow.queue-bytes): blocks run from bytes to megabytes.
        this.events = new ByteBoundedQueue<>(settings.overflow().queueBytes(), EVENT_QUEUE, PipelineEvent::sizeBytes,
                Schedulers.boundedElastic());
        this.sink = new StreamApiSink(sinkSettings);
    }

    /** @return the pipeline's name */
    public String name() {
        return name;
    }

    /** @return what it will do, as the start-up text's {@code key: value} lines */
    public String describe() {
        return StartupText.pipeline(name, sourceLabel, settings, sinkSettings);
    }

    /** @return where it writes */
    public SinkSettings sinkSettings() {
        return sinkSettings;
    }

    /**
     * Runs the pipeline; nothing happens until the result is subscribed.
     *
     * @return how it ended; never an error signal (a failure is an outcome with a reason)
     */
    public Mono<PipelineOutcome> run() {
        return Mono.defer(() -> {
            startedNanos = System.nanoTime();
            LOG.debug("Pipeline '{}' starting: writing to data source '{}', stream '{}' at {}", name,
                    sinkSettings.dataSource(), sinkSettings.stream(), sinkSettings.streamApi());
            // The sink works on its own thread: whatever it waits for (connections, keys, flow control, class
            // loading on first use) never runs on the thread that carries the source's samples (rule 6).
            return sink.write(events.apply(pipeline.events()).doOnNext(this::taken));
        }).map(this::ended).onErrorResume(e -> Mono.just(failed(e)));
    }

    /**
     * @param listener told, for each block the sink takes, the nanoseconds since the read time of its newest sample
     *                 (the latency the pipeline and its queue add once the block is complete); set before {@link #run()}
     */
    public void onBlockLatency(LongConsumer listener) {
        this.blockLatency = listener;
    }

    private void taken(PipelineEvent event) {
        if (event instanceof Block block) {
            blockLatency.accept(clock.nowNanos() - block.lastNanos());
        }
    }

    /** Ends the run cleanly: the source completes, blocks are flushed and the session is ended. */
    public void stop() {
        stop.tryEmitEmpty();
    }

    /** @return the counters now, and the source's progress through its recording */
    public PipelineStatus status() {
        long started = startedNanos;
        return new PipelineStatus(name, sinkSettings.dataSource(), sinkSettings.stream(),
                pipeline.counters().snapshot(), sink.counters().snapshot(), source.progress().orElse(null),
                started == 0 ? 0 : System.nanoTime() - started, events.bytes());
    }

    /** Releases the sink's connections. */
    public void close() {
        try {
            sink.close();
        } catch (Exception e) {
            LOG.debug("Closing the sink of '{}' failed", name, e);
        }
    }

    private PipelineOutcome ended(SinkResult result) {
        LOG.info("Pipeline '{}' ended: session {}", name, result.sessionKey());
        return new PipelineOutcome(status(), null, result.unconfirmedPacketIds());
    }

    /**
     * @param reason why the run is given up
     * @return a failed outcome with the counters now
     */
    PipelineOutcome failed(Throwable reason) {
        String why = reason.getMessage() == null ? reason.toString() : reason.getMessage();
        LOG.error("Pipeline '{}' failed: {}", name, why);
        LOG.debug("Pipeline '{}' failure", name, reason);
        return new PipelineOutcome(status(), why, List.of());
    }
}
