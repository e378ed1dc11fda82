package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.PipelineEvent;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a pipeline's events to the ATLAS Stream API as one session per {@link #write} call, over non-blocking gRPC:
 * one ordered client-stream writer per stream, driven by gRPC flow control; reconnects with capped backoff and
 * resends what the server did not take; optional delivery confirmation from Kafka.
 *
 * <p>Delivery guarantee: with the Kafka bootstrap address set, a reconnect resends exactly the packets that Kafka
 * does not show, as far back as the resend buffer reaches (nothing lost, nothing duplicated). Without it the sink
 * cannot know what the server took, so it resends the whole resend buffer: at-least-once within the buffer, and
 * a duplicate carries the same {@code Packet.id} as its original.
 */
public final class StreamApiSink implements AutoCloseable {

    private final SinkSettings settings;
    private final SinkCounters counters = new SinkCounters();
    private final ServiceChannels channels;
    private final SessionCalls calls;
    private final LandedReader reader;

    /**
     * Creates the gRPC channels; connects nothing until {@link #write} is subscribed.
     *
     * @param settings where and what to write
     */
    public StreamApiSink(SinkSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channels = new ServiceChannels(settings);
        this.calls = new ServiceCalls(settings, channels);
        this.reader = settings.kafkaBootstrap() == null ? null
                : LandedReader.of(new KafkaReadBack(settings.kafkaConnection(), settings.dataSource()));
    }

    /**
     * Writes one ATLAS session: completes when the events completed, every open packet was handed over,
     * EndOfSession and EndSession were sent, and (if enabled) the confirmation is done. Backpressure flows to the
     * events: when the server is slow, the sink requests less.
     *
     * @param events the pipeline's events, a Configuration first
     * @return the session's outcome
     */
    public Mono<SinkResult> write(Flux<PipelineEvent> events) {
        return Mono.defer(() -> new SessionRun(settings, channels, calls, reader, counters).run(events));
    }

    /** @return the live counters */
    public SinkCounters counters() {
        return counters;
    }

    /** @return the settings */
    public SinkSettings settings() {
        return settings;
    }

    /** Shuts the gRPC channels down. */
    @Override
    public void close() {
        channels.close();
    }
}
