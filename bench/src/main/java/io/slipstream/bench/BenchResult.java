package io.slipstream.bench;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The figures of one full-path run.
 *
 * @param options           what was run
 * @param dataSource        the data source written (its main topic was read back)
 * @param sessionKey        the ATLAS session written
 * @param expectedSamples   samples the source should make: channels times ticks within the duration
 * @param generatedSamples  samples the source made (the pipeline's {@code received})
 * @param filledSamples     MISSING samples the pipeline made up for missed slots (part of what lands)
 * @param offGrid           samples that started a new block because they were off their grid slot
 * @param backwards         samples dropped and counted (time-backwards) because their time went back to or before what was already sent
 * @param pipelineBlocks    blocks the pipeline sent, each one periodic data packet
 * @param pipelineDropped   samples the pipeline dropped, by reason
 * @param sinkPacketsSent   packets the sink handed to gRPC
 * @param sinkBytes         their serialised bytes
 * @param sinkDropped       packets the sink dropped, by reason
 * @param readBack          what was found on Kafka
 * @param readBackComplete  whether every block the pipeline sent was found on Kafka within the drain timeout
 * @param measuredSeconds   from the source's start to the Kafka timestamp of the last data packet
 * @param resources         GC, heap, RSS and CPU over the run
 */
public record BenchResult(BenchOptions options, String dataSource, String sessionKey, long expectedSamples,
                          long generatedSamples, long filledSamples, long offGrid, long backwards,
                          long pipelineBlocks,
                          Map<String, Long> pipelineDropped, long sinkPacketsSent, long sinkBytes,
                          Map<String, Long> sinkDropped, ReadBackTally readBack, boolean readBackComplete,
                          double measuredSeconds, ResourceUsage resources) {

    /** Copies the maps. */
    public BenchResult {
        pipelineDropped = Map.copyOf(pipelineDropped);
        sinkDropped = Map.copyOf(sinkDropped);
    }

    /** @return samples made by the source that are not on Kafka (made-up MISSING samples do not count as found) */
    public long lostSamples() {
        return lost(expectedSamples, generatedSamples, filledSamples, readBack);
    }

    /**
     * @return samples made by a source that are not on Kafka: the more of expected and generated, less what was
     * read back that the pipeline did not make up
     */
    static long lost(long expectedSamples, long generatedSamples, long filledSamples, ReadBackTally readBack) {
        long found = readBack.samples() - filledSamples;
        return Math.max(0, Math.max(expectedSamples, generatedSamples) - found);
    }

    /** @return samples the pipeline dropped, for any reason */
    public long pipelineDroppedTotal() {
        return pipelineDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return packets the sink dropped, for any reason */
    public long sinkDroppedTotal() {
        return sinkDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return whether anything was lost on the way: the benchmark's pass/fail */
    public boolean anythingLost() {
        return lostSamples() > 0 || pipelineDroppedTotal() > 0 || sinkDroppedTotal() > 0 || !readBackComplete
                || generatedSamples < expectedSamples;
    }

    /** @return samples per second that reached Kafka, over {@link #measuredSeconds()} */
    public double samplesPerSecond() {
        return measuredSeconds <= 0 ? 0 : readBack.samples() / measuredSeconds;
    }

    /** @return periodic data packets per second that reached Kafka */
    public double packetsPerSecond() {
        return measuredSeconds <= 0 ? 0 : readBack.dataPackets() / measuredSeconds;
    }

    /** @return whether latency was measured (real-time pacing stamps samples with their read time) */
    public boolean latencyMeasured() {
        return options.pacing() == Pacing.REALTIME && readBack.sampleLatency().count() > 0;
    }

    /** @return the figures as a two-column table for a terminal */
    public String table() {
        Table t = new Table();
        t.row("case", options.channels() + " channels x " + num(options.rateHz()) + " Hz, "
                + options.pacing().word() + " pacing, " + seconds(options.duration().toMillis() / 1000.0)
                + " of samples, block span " + options.blockSpan().toMillis() + " ms");
        t.row("target", (options.embedded() ? "embedded stack" : options.target()) + ", data source " + dataSource
                + ", session " + sessionKey);
        t.row("samples made / on Kafka", count(generatedSamples) + " / " + count(readBack.samples())
                + (filledSamples > 0 ? " (" + count(filledSamples) + " filled MISSING)" : ""));
        t.row("sustained samples/s to Kafka", count(Math.round(samplesPerSecond())) + " over "
                + seconds(measuredSeconds) + (options.pacing() == Pacing.REALTIME
                ? " (offered " + count(Math.round(options.offeredSamplesPerSecond())) + ")" : ""));
        t.row("data packets/s to Kafka", String.format(Locale.ROOT, "%.1f", packetsPerSecond()) + " ("
                + count(readBack.dataPackets()) + " packets, " + count(readBack.records()) + " records in all, "
                + mb(sinkBytes) + " sent)");
        if (latencyMeasured()) {
            t.row("latency read -> Kafka p50/p99/max", readBack.sampleLatency().describe() + " (every sample)");
            t.row("added after block p50/p99/max", readBack.blockLatency().describe()
                    + " (newest sample of each block)");
            t.row("latency clock", "Kafka " + readBack.timestampType() + ", 1 ms resolution");
        } else {
            t.row("latency", "not measured: fast pacing stamps samples on the grid, not when read");
        }
        t.row("lost samples", count(lostSamples()) + (anythingLost() ? "  <-- LOSS" : ""));
        t.row("dropped", "pipeline " + count(pipelineDroppedTotal()) + (pipelineDropped.isEmpty() ? ""
                : " " + pipelineDropped) + ", sink " + count(sinkDroppedTotal()) + " packets"
                + (sinkDropped.isEmpty() ? "" : " " + sinkDropped) + (readBack.duplicatePackets() > 0
                ? ", duplicates on Kafka " + readBack.duplicatePackets() : "")
                + (readBackComplete ? "" : ", read-back INCOMPLETE"));
        t.row("blocks / off-grid / dropped as time-backwards", count(pipelineBlocks) + " / " + count(offGrid) + " / "
                + count(backwards));
        t.row("GC", resources.gcMillis() + " ms in " + resources.gcCount() + " collections");
        t.row("peak heap", mb(resources.peakHeapBytes()) + " of " + mb(resources.maxHeapBytes())
                + " max (pools' peaks summed); " + (resources.gcCount() == 0 ? "no collection during the run"
                : "after GC at most " + mb(resources.liveHeapBytes())));
        t.row("peak RSS", resources.peakRssBytes() < 0 ? "unknown (no /proc)" : mb(resources.peakRssBytes())
                + (resources.rssPeakReset() ? "" : " (since JVM start)"));
        t.row("CPU", String.format(Locale.ROOT, "%.2f cores busy on average (%.1f s CPU in %.1f s)",
                resources.coresBusy(), resources.cpuSeconds(), resources.wallSeconds())
                + (resources.loadAverage() >= 0 ? String.format(Locale.ROOT, "; machine load average %.1f on %d cores",
                resources.loadAverage(), Runtime.getRuntime().availableProcessors()) : ""));
        StringJoiner busiest = new StringJoiner(", ");
        resources.busiestThreads().stream().limit(6).forEach(c -> busiest.add(c.group() + " "
                + String.format(Locale.ROOT, "%.1f s", c.cpuSeconds())));
        t.row("busiest threads", busiest.toString());
        t.row("result", anythingLost() ? "LOSS: something did not reach Kafka" : "nothing lost");
        return t.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }

    /** Two aligned columns. */
    private static final class Table {
        private final StringBuilder rows = new StringBuilder();
        private static final int KEY_WIDTH = 36;

        void row(String key, String value) {
            rows.append(String.format(Locale.ROOT, "%-" + KEY_WIDTH + "s %s%n", key, value));
        }

        @Override
        public String toString() {
            return rows.toString();
        }
    }
}
