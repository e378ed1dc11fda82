package io.slipstream.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a soak found: the readings taken at start, at every Stream API restart and at the end, and the session's
 * samples counted on Kafka against those the source made.
 *
 * @param options          the session's channels, rate and duration
 * @param restartEvery     the interval between Stream API restarts
 * @param restarts         restarts made
 * @param readings         heap after GC, threads and open files over time
 * @param expectedSamples  samples the source makes in the duration
 * @param received         samples the pipeline received from the source
 * @param droppedByBridge  samples the bridge dropped (counted; the overflow policy's doing)
 * @param packetsSent      packets the sink sent, resends included
 * @param tally            what the read-back found on Kafka
 * @param complete         whether every data packet was read back before the drain timeout
 */
public record SoakResult(BenchOptions options, Duration restartEvery, int restarts, List<SoakBench.SoakReading> readings,
                         long expectedSamples, long received, long droppedByBridge, long packetsSent, ReadBackTally tally,
                         boolean complete) {

    /** @return samples the source made that are not on Kafka */
    public long lostSamples() {
        return Math.max(0, received - tally.samples());
    }

    /** @return whether anything was lost, duplicated or not read back */
    public boolean anythingLost() {
        return lostSamples() > 0 || tally.duplicatePackets() > 0 || !complete || droppedByBridge > 0;
    }

    /** @return the report, a table of readings and the counts */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Soak: %,d channels x %s Hz for %s, Stream API restarted every %s (%d restarts)%n",
                options.channels(), options.rateHz(), options.duration().toString().substring(2).toLowerCase(Locale.ROOT),
                restartEvery.toString().substring(2).toLowerCase(Locale.ROOT), restarts));
        b.append("      at  restarts  heap after GC  threads  open files").append(System.lineSeparator());
        readings.forEach(r -> b.append(r.line()).append(System.lineSeparator()));
        // From the first restart on, the session's own threads and buffers are all there: growth after it is a leak.
        SoakBench.SoakReading first = readings.get(readings.size() > 2 ? 1 : 0);
        SoakBench.SoakReading last = readings.get(readings.size() - 1);
        b.append(String.format(Locale.ROOT, "Growth from %s to the end: heap %+.1f MB, threads %+d, open files %+d%n",
                readings.size() > 2 ? "the first restart" : "the start",
                (last.heapAfterGc() - first.heapAfterGc()) / 1e6, last.threads() - first.threads(), last.openFiles() - first.openFiles()));
        b.append(String.format(Locale.ROOT, "Samples: %,d made (%,d expected), %,d on Kafka in %,d data packets; lost %,d, "
                        + "duplicate packets %,d, dropped by the bridge %,d; %,d packets sent%s%n",
                received, expectedSamples, tally.samples(), tally.dataPackets(), lostSamples(), tally.duplicatePackets(),
                droppedByBridge, packetsSent, complete ? "" : " (NOT all read back before the drain timeout)"));
        return b.toString();
    }
}
