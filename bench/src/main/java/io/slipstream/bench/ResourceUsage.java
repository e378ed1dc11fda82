package io.slipstream.bench;

import java.util.List;

/**
 * What a run cost the JVM it ran in. With the embedded stack, that JVM also holds the Kafka broker, the Stream API
 * and the read-back consumer, so heap and RSS are those of the whole stack, not of the bridge alone.
 *
 * @param gcMillis          time the collectors reported spending during the run
 * @param gcCount           collections during the run
 * @param peakHeapBytes     sum of every heap pool's peak since the run started (an upper bound: pools peak apart)
 * @param liveHeapBytes     the largest heap in use right after a collection during the run (what had to be kept;
 *                          0 when no collection ran)
 * @param maxHeapBytes      the heap's limit ({@code -Xmx})
 * @param peakRssBytes      the process' peak resident set ({@code VmHWM}), or -1 where /proc is missing
 * @param rssPeakReset      whether the peak RSS was reset at the run's start (else it includes start-up)
 * @param cpuSeconds        CPU time of the whole process during the run
 * @param wallSeconds       wall time the figures cover
 * @param busiestThreads    CPU time by thread kind, busiest first
 * @param loadAverage       the machine's 1-minute load average at the end (other processes share the cores), or
 *                          -1 where /proc is missing
 */
public record ResourceUsage(long gcMillis, long gcCount, long peakHeapBytes, long liveHeapBytes, long maxHeapBytes, long peakRssBytes,
                            boolean rssPeakReset, double cpuSeconds, double wallSeconds,
                            List<ThreadCpu> busiestThreads, double loadAverage) {

    /** Copies the list. */
    public ResourceUsage {
        busiestThreads = List.copyOf(busiestThreads);
    }

    /** @return average cores busy during the run */
    public double coresBusy() {
        return wallSeconds <= 0 ? 0 : cpuSeconds / wallSeconds;
    }
}
