package io.slipstream.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.slipstream.app.run.PipelineStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The pipelines' counters as Micrometer meters, tagged {@code pipeline}. The names are the ones the hand-written
 * exposition had ({@code slipstream_samples_received_total}, ...; the README lists them): Micrometer's Prometheus
 * naming turns {@code slipstream.samples.received} into that and adds {@code _total} to counters.
 *
 * <p>Meters read the last snapshot taken by {@link #refresh()}, which the scrape calls first: one snapshot per
 * scrape, however many meters, and a pipeline that has ended keeps its last values.
 */
final class PipelineMeters {

    /** A counter or gauge per pipeline, read from its snapshot. */
    private record Series(String name, String help, ToLongFunction<PipelineStatus> value) {
    }

    private static final List<Series> COUNTERS = List.of(
            new Series("slipstream.samples.received", "Samples the source produced.", s -> s.pipeline().received()),
            new Series("slipstream.samples.emitted", "Samples put into blocks or rows, and event occurrences.", s -> s.pipeline().emitted()),
            new Series("slipstream.samples.filled", "MISSING samples filled into gaps.", s -> s.pipeline().filled()),
            new Series("slipstream.samples.invalid", "NaN or infinite values sent as MISSING.", s -> s.pipeline().invalid()),
            new Series("slipstream.blocks", "Blocks assembled.", s -> s.pipeline().blocks()),
            new Series("slipstream.rows", "Timestamped rows assembled.", s -> s.pipeline().rows()),
            new Series("slipstream.row.batches", "Batches of timestamped rows assembled.", s -> s.pipeline().rowBatches()),
            new Series("slipstream.events", "Event occurrences handed to the sink.", s -> s.pipeline().events()),
            new Series("slipstream.events.dropped", "Event occurrences not sent: undeclared, or inside a failed run.",
                    s -> s.pipeline().eventsDropped()),
            new Series("slipstream.samples.sent", "Samples in data packets handed to gRPC (resends not counted).",
                    s -> s.sink().samplesSent()),
            new Series("slipstream.markers", "Markers derived and handed to the sink.", s -> s.pipeline().markers()),
            new Series("slipstream.markers.dropped",
                    "Markers lost with a block still open when the run was cancelled or failed.",
                    s -> s.pipeline().markersDropped()),
            new Series("slipstream.packets.sent", "Packets sent to the Stream API.", s -> s.sink().packetsSent()),
            new Series("slipstream.bytes.sent", "Packet bytes sent to the Stream API.", s -> s.sink().bytes()),
            new Series("slipstream.resends", "Packets sent again after a reconnect.", s -> s.sink().resends()),
            new Series("slipstream.packets.dropped", "Packets the sink dropped (lost from the resend buffer, too large).",
                    s -> s.sink().droppedTotal()),
            new Series("slipstream.packets.dropped.bytes", "Bytes of the packets the sink dropped.",
                    s -> s.sink().droppedBytesTotal()),
            new Series("slipstream.packets.dropped.samples", "Sample slots of the packets the sink dropped.",
                    s -> s.sink().droppedSamplesTotal()));
    private static final List<Series> GAUGES = List.of(
            new Series("slipstream.buffer.fill", "Samples waiting in the pipeline's buffer.", s -> s.pipeline().bufferFill()),
            new Series("slipstream.buffer.capacity", "Capacity of the pipeline's buffer.", s -> s.pipeline().bufferCapacity()),
            new Series("slipstream.buffer.bytes", "Bytes held between source and socket: sample buffer (estimated),"
                    + " events for the sink, send queues and resend buffers.", PipelineStatus::bufferedBytes),
            new Series("slipstream.event.queue.bytes", "Bytes of blocks and markers waiting for the sink.",
                    PipelineStatus::eventBytes),
            new Series("slipstream.send.queue.bytes", "Bytes of packets waiting to be sent.",
                    s -> s.sink().queuedBytes()),
            new Series("slipstream.resend.buffer.bytes", "Bytes of sent packets kept for a resend.",
                    s -> s.sink().retainedBytes()));
    private static final String DROPPED = "slipstream.samples.dropped";
    private static final String CONNECTED_STATE = "CONNECTED";

    private final MeterRegistry registry;
    private final Supplier<List<PipelineStatus>> statuses;
    private final Map<String, PipelineStatus> latest = new ConcurrentHashMap<>();
    private final Set<String> droppedReasons = new HashSet<>();
    private final MultiGauge connected;

    /**
     * @param registry where the meters go
     * @param statuses reads the pipelines' counters now
     */
    PipelineMeters(MeterRegistry registry, Supplier<List<PipelineStatus>> statuses) {
        this.registry = registry;
        this.statuses = statuses;
        // The state is a tag, so a pipeline's series changes name when it reconnects: a multi-gauge replaces its rows.
        this.connected = MultiGauge.builder("slipstream.connected")
                .description("1 when the sink is connected to the Stream API.").register(registry);
    }

    /** Takes one snapshot of every pipeline, and adds meters for pipelines and drop reasons not seen before. */
    synchronized void refresh() {
        List<PipelineStatus> now = statuses.get();
        for (PipelineStatus s : now) {
            if (latest.put(s.name(), s) == null) {
                register(s.name());
            }
            for (String reason : s.pipeline().dropped().keySet()) {
                if (droppedReasons.add(s.name() + '\n' + reason)) {
                    FunctionCounter.builder(DROPPED, this, m -> m.dropped(s.name(), reason))
                            .description("Samples dropped, by reason.")
                            .tags("pipeline", s.name(), "reason", reason).register(registry);
                }
            }
        }
        connected.register(latest.values().stream()
                .map(s -> MultiGauge.Row.of(Tags.of("pipeline", s.name(), "state", String.valueOf(s.sink().state())),
                        CONNECTED_STATE.equals(String.valueOf(s.sink().state())) ? 1 : 0))
                .toList(), true);
    }

    private void register(String pipeline) {
        for (Series c : COUNTERS) {
            FunctionCounter.builder(c.name(), this, m -> m.value(pipeline, c.value()))
                    .description(c.help()).tag("pipeline", pipeline).register(registry);
        }
        for (Series g : GAUGES) {
            Gauge.builder(g.name(), this, m -> m.value(pipeline, g.value()))
                    .description(g.help()).tag("pipeline", pipeline).register(registry);
        }
    }

    private double value(String pipeline, ToLongFunction<PipelineStatus> value) {
        PipelineStatus s = latest.get(pipeline);
        return s == null ? 0 : value.applyAsLong(s);
    }

    private double dropped(String pipeline, String reason) {
        PipelineStatus s = latest.get(pipeline);
        return s == null ? 0 : s.pipeline().dropped().getOrDefault(reason, 0L);
    }
}
