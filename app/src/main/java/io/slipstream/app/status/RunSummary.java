package io.slipstream.app.status;

import io.slipstream.app.json.Json;
import io.slipstream.app.run.PipelineOutcome;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.SinkSnapshot;
import io.slipstream.spi.SourceProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The end-of-run summary: as text for the user and as JSON for {@code --summary-json}. */
public final class RunSummary {

    private static final int MAX_IDS = 100;

    private final List<PipelineOutcome> outcomes;

    /** @param outcomes how each pipeline ended */
    public RunSummary(List<PipelineOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    /** @return whether every pipeline ended cleanly */
    public boolean ok() {
        return outcomes.stream().allMatch(PipelineOutcome::ok);
    }

    /**
     * @param c the pipeline's counters
     * @param k the sink's counters
     * @return samples in blocks or rows (emitted and filled; event occurrences are not samples) that the sink never
     *         handed to gRPC: a run that failed, or was cut off, before they went
     */
    static long notSent(CountersSnapshot c, SinkSnapshot k) {
        return Math.max(0, c.emitted() - c.events() + c.filled() - k.samplesSent());
    }

    /**
     * @param c the pipeline's counters
     * @return the values the source read (a file's cells, valid or not), event occurrences aside
     */
    static long cellsRead(CountersSnapshot c) {
        return c.received() - c.events() - c.eventsDropped();
    }

    /**
     * @param c the pipeline's counters
     * @param k the sink's counters
     * @return read values handed to gRPC as valid samples: those sent, less the slots the pipeline filled and the
     *         invalid values sent as MISSING. The rest of {@link #cellsRead} is invalid, dropped or not sent.
     */
    static long cellsLanded(CountersSnapshot c, SinkSnapshot k) {
        return Math.max(0, k.samplesSent() - c.filled() - c.invalid());
    }

    /** @return a few lines per pipeline */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (PipelineOutcome o : outcomes) {
            PipelineStatus s = o.status();
            CountersSnapshot c = s.pipeline();
            SinkSnapshot k = s.sink();
            sb.append(String.format(Locale.ROOT, "Pipeline '%s' %s: %s on data source '%s', stream '%s'%n",
                    s.name(), o.ok() ? "ended cleanly" : "FAILED: " + o.error(),
                    k.sessionKey() == null ? "no session was created" : "session " + k.sessionKey(), s.dataSource(), s.stream()));
            sb.append(String.format(Locale.ROOT,
                    "  samples: %,d received, %,d emitted, %,d dropped %s, %,d filled, %,d invalid; %,d blocks, %,d rows in"
                            + " %,d batches, %,d events%s, %,d markers%s%n",
                    c.received(), c.emitted(), c.droppedTotal(), c.dropped(), c.filled(), c.invalid(), c.blocks(),
                    c.rows(), c.rowBatches(), c.events(),
                    c.eventsDropped() == 0 ? "" : String.format(Locale.ROOT, " (%,d DROPPED)", c.eventsDropped()),
                    c.markers(),
                    c.markersDropped() == 0 ? "" : String.format(Locale.ROOT, " (%,d more lost with the open block)", c.markersDropped())));
            long notSent = notSent(c, k);
            long read = cellsRead(c);
            long landed = cellsLanded(c, k);
            sb.append(String.format(Locale.ROOT, "  cells: %,d landed of %,d read%s%n", landed, read, landed == read ? ""
                    : String.format(Locale.ROOT, "; %,d not landed: %,d invalid (sent as MISSING, see source problems),"
                            + " %,d dropped, %,d not sent", read - landed, c.invalid(), c.droppedTotal() - c.eventsDropped(),
                            notSent)));
            if (notSent > 0) {
                sb.append(String.format(Locale.ROOT, "  NOT SENT: %,d of the samples the pipeline put in blocks or rows never"
                        + " reached the Stream API%n", notSent));
            }
            sb.append(String.format(Locale.ROOT,
                    "  packets: %,d sent (%,d data, %,d markers, %,d configurations), %,d bytes, %,d resent, %,d dropped %s%s, %,d unconfirmed%n",
                    k.packetsSent(), k.blocks(), k.markers(), k.configurations(), k.bytes(), k.resends(),
                    k.droppedTotal(), k.dropped(), k.droppedTotal() == 0 ? ""
                            : String.format(Locale.ROOT, " (%,d bytes, %,d samples)", k.droppedBytesTotal(),
                            k.droppedSamplesTotal()), k.unconfirmed()));
            if (!c.sourceProblems().isEmpty()) {
                sb.append("  source problems: ").append(c.sourceProblems()).append(System.lineSeparator());
                for (SourceProblem p : c.firstProblems()) {
                    sb.append("    ").append(p).append(System.lineSeparator());
                }
            }
        }
        return sb.toString();
    }

    /** @return the summary as a JSON-ready map */
    public Map<String, Object> toMap() {
        List<Object> pipelines = new ArrayList<>();
        for (PipelineOutcome o : outcomes) {
            PipelineStatus s = o.status();
            CountersSnapshot c = s.pipeline();
            SinkSnapshot k = s.sink();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", s.name());
            p.put("ok", o.ok());
            p.put("error", o.error());
            p.put("sessionKey", k.sessionKey());
            p.put("dataSource", s.dataSource());
            p.put("stream", s.stream());
            p.put("connection", String.valueOf(k.state()));
            Map<String, Object> samples = new LinkedHashMap<>();
            samples.put("received", c.received());
            samples.put("emitted", c.emitted());
            samples.put("dropped", c.droppedTotal());
            samples.put("droppedByReason", new TreeMap<>(c.dropped()));
            samples.put("filled", c.filled());
            samples.put("invalid", c.invalid());
            samples.put("backwards", c.backwards());
            samples.put("offGrid", c.offGrid());
            samples.put("sentToStreamApi", k.samplesSent());
            samples.put("notSent", notSent(c, k));
            samples.put("cellsRead", cellsRead(c));
            samples.put("cellsLanded", cellsLanded(c, k));
            p.put("samples", samples);
            p.put("blocks", c.blocks());
            p.put("rows", c.rows());
            p.put("rowBatches", c.rowBatches());
            p.put("events", c.events());
            p.put("eventsDropped", c.eventsDropped());
            p.put("markers", c.markers());
            p.put("markersDropped", c.markersDropped());
            Map<String, Object> packets = new LinkedHashMap<>();
            packets.put("sent", k.packetsSent());
            packets.put("data", k.blocks());
            packets.put("markers", k.markers());
            packets.put("configurations", k.configurations());
            packets.put("bytes", k.bytes());
            packets.put("resent", k.resends());
            packets.put("reconnects", k.reconnects());
            packets.put("dropped", k.droppedTotal());
            packets.put("droppedByReason", new TreeMap<>(k.dropped()));
            packets.put("droppedBytes", k.droppedBytesTotal());
            packets.put("droppedSamples", k.droppedSamplesTotal());
            packets.put("droppedBytesByReason", new TreeMap<>(k.droppedBytes()));
            packets.put("confirmed", k.confirmed());
            packets.put("unconfirmed", k.unconfirmed());
            packets.put("unconfirmedIds", o.unconfirmed().subList(0, Math.min(MAX_IDS, o.unconfirmed().size())));
            p.put("packets", packets);
            Map<String, Object> buffer = new LinkedHashMap<>();
            buffer.put("bytes", s.bufferedBytes());
            buffer.put("samples", c.bufferFill());
            buffer.put("sampleCapacity", c.bufferCapacity());
            buffer.put("eventQueueBytes", s.eventBytes());
            buffer.put("sendQueueBytes", k.queuedBytes());
            buffer.put("resendBufferBytes", k.retainedBytes());
            p.put("buffer", buffer);
            p.put("sourceProblems", new TreeMap<>(c.sourceProblems()));
            p.put("firstSourceProblems", c.firstProblems().stream().map(SourceProblem::toString).toList());
            pipelines.add(p);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ok", ok());
        root.put("pipelines", pipelines);
        return root;
    }

    /**
     * @param file where to write the JSON
     * @throws IOException when it cannot be written
     */
    public void writeJson(Path file) throws IOException {
        writeJson(file, UnaryOperator.identity());
    }

    /**
     * @param file where to write the JSON
     * @param hide rewrites the text so that no value substituted from the environment appears in it
     * @throws IOException when it cannot be written
     */
    public void writeJson(Path file, UnaryOperator<String> hide) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, hide.apply(Json.pretty(toMap())) + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
