package io.slipstream.app.status;

import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pipeline's live status as a list of facts, the one place every form of it (the terminal line, the log
 * line, the JSON object) takes them from: a new counter is one more {@code add} here.
 */
final class StatusLine {

    /**
     * One fact.
     *
     * @param key   its name in JSON
     * @param value its value in JSON
     * @param text  its words on the line; empty for a fact only the JSON form carries
     */
    record Fact(String key, Object value, String text) {
    }

    private StatusLine() {
    }

    /**
     * @param now          the pipeline's status now
     * @param before       its status at the previous reading, or null for the first reading (counted from zero)
     * @param elapsedNanos time between the two readings
     * @return the facts, the most telling first (a narrow terminal shows as many as fit)
     */
    static List<Fact> facts(PipelineStatus now, PipelineStatus before, long elapsedNanos) {
        CountersSnapshot c = now.pipeline();
        SinkSnapshot k = now.sink();
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        // The first reading counts from the start, when every counter was zero.
        double samplesPerSecond = (c.received() - (before == null ? 0 : before.pipeline().received())) / seconds;
        double blocksPerSecond = (c.blocks() - (before == null ? 0 : before.pipeline().blocks())) / seconds;
        int fillPercent = c.bufferCapacity() <= 0 ? 0 : (int) (100L * c.bufferFill() / c.bufferCapacity());
        // One unit on the line: samples, whether the pipeline dropped them or they were in a packet the sink lost.
        long dropped = c.droppedTotal() + k.droppedSamplesTotal();
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("progress", ProgressText.format(now.progress(), before == null ? null : before.progress(),
                elapsedNanos, now.runningNanos()), null));
        f.add(new Fact("samplesPerSecond", Math.round(samplesPerSecond),
                String.format(Locale.ROOT, "%,.0f samples/s", samplesPerSecond)));
        f.add(new Fact("blocksPerSecond", Math.round(blocksPerSecond * 10) / 10.0,
                String.format(Locale.ROOT, "%,.1f blocks/s", blocksPerSecond)));
        f.add(new Fact("rows", c.rows(), String.format(Locale.ROOT, "%,d rows", c.rows())));
        f.add(new Fact("events", c.events(), String.format(Locale.ROOT, "%,d events", c.events())
                + (c.eventsDropped() == 0 ? "" : String.format(Locale.ROOT, " (%,d dropped)", c.eventsDropped()))));
        f.add(new Fact("eventsDropped", c.eventsDropped(), "")); // JSON only: the line says it beside the events
        f.add(new Fact("markers", c.markers(), String.format(Locale.ROOT, "%,d markers", c.markers())));
        f.add(new Fact("dropped", dropped, String.format(Locale.ROOT, "%,d dropped", dropped)
                + (k.droppedTotal() == 0 ? "" : String.format(Locale.ROOT, " (%,d packets lost, %s)", k.droppedTotal(),
                StartupText.bytes(k.droppedBytesTotal())))));
        f.add(new Fact("packetsDropped", k.droppedTotal(), "")); // JSON only: the line says it beside the drops
        f.add(new Fact("packetsDroppedBytes", k.droppedBytesTotal(), ""));
        f.add(new Fact("filled", c.filled(), String.format(Locale.ROOT, "%,d filled", c.filled())));
        // Every byte between source and socket, and how full the sample buffer (where the policy acts) is.
        f.add(new Fact("bufferBytes", now.bufferedBytes(), "buffer " + StartupText.bytes(now.bufferedBytes())
                + " (samples " + fillPercent + "%)"));
        f.add(new Fact("bufferSamples", c.bufferFill(), ""));
        f.add(new Fact("bufferSamplesPercent", fillPercent, ""));
        f.add(new Fact("eventQueueBytes", now.eventBytes(), ""));
        f.add(new Fact("sendQueueBytes", k.queuedBytes(), ""));
        f.add(new Fact("resendBufferBytes", k.retainedBytes(), ""));
        f.add(new Fact("connection", String.valueOf(k.state()), String.valueOf(k.state())));
        f.add(new Fact("packetsSent", k.packetsSent(), String.format(Locale.ROOT, "%,d packets sent", k.packetsSent())));
        // Bad cells, torn reads, overruns: shown as they happen, not only in the end summary.
        if (!c.sourceProblems().isEmpty()) {
            f.add(new Fact("sourceProblems", new TreeMap<>(c.sourceProblems()),
                    "source problems " + new TreeMap<>(c.sourceProblems())));
        }
        return f.stream().map(x -> x.text() == null ? new Fact(x.key(), x.value(), String.valueOf(x.value())) : x)
                .toList();
    }

    /**
     * @param now          the pipeline's status now
     * @param before       its status at the previous reading, or null
     * @param elapsedNanos time between the two readings
     * @return the whole line, every fact
     */
    static String format(PipelineStatus now, PipelineStatus before, long elapsedNanos) {
        return line(now.name(), facts(now, before, elapsedNanos), Integer.MAX_VALUE);
    }

    /**
     * @param name  the pipeline's name
     * @param facts its facts
     * @param width the columns available
     * @return the name and as many whole facts as fit in {@code width - 1} columns (the last column is left free:
     *         writing into it makes some terminals wrap, and the in-place redraw would then climb too few lines);
     *         on a terminal too narrow even for the first fact, that fact cut short
     */
    static String line(String name, List<Fact> facts, int width) {
        int room = Math.max(8, width - 1);
        StringBuilder sb = new StringBuilder(name).append(": ");
        for (int i = 0; i < facts.size(); i++) {
            if (facts.get(i).text().isEmpty()) {
                continue;
            }
            String part = (i == 0 ? "" : ", ") + facts.get(i).text();
            if (sb.length() + part.length() > room) {
                if (i == 0) {
                    sb.append(part, 0, Math.max(0, room - sb.length()));
                }
                break;
            }
            sb.append(part);
        }
        return sb.length() > room ? sb.substring(0, room) : sb.toString();
    }

    /**
     * @param name  the pipeline's name
     * @param facts its facts
     * @return the JSON-ready object of one status reading
     */
    static Map<String, Object> json(String name, List<Fact> facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "status");
        m.put("pipeline", name);
        facts.forEach(f -> m.put(f.key(), f.value()));
        return m;
    }
}
