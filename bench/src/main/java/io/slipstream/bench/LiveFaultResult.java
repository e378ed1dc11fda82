package io.slipstream.bench;

import io.slipstream.atlaskafka.inspect.Violation;
import java.time.Duration;
import java.util.List;

/**
 * The figures of a live fault benchmark.
 *
 * @param scenario         what was run
 * @param bridge           what the bridge counted
 * @param landedSamples    samples of the session read back from Kafka (distinct data packets)
 * @param duplicatePackets data packets read back more than once
 * @param violations       what the session rule check ({@code inspect --check}) found
 */
record LiveFaultResult(LiveScenario scenario, LiveBridgeResult bridge, long landedSamples, long duplicatePackets,
                       List<Violation> violations) {

    LiveFaultResult {
        violations = List.copyOf(violations);
    }

    /** @return the sample slots that should be on Kafka: received - dropped + filled */
    long expectedOnKafka() {
        return bridge.received() - bridge.droppedTotal() + bridge.filled();
    }

    /** @return received - dropped + filled - landed: zero when every sample is accounted for */
    long unaccounted() {
        return expectedOnKafka() - landedSamples;
    }

    /** @return whether the run kept its promise: exact accounting, no duplicate, every rule holding */
    boolean passed() {
        return unaccounted() == 0 && duplicatePackets == 0 && violations.isEmpty();
    }

    /** @return the report */
    String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format("Live run: %,d channels x %s Hz, bridge at -Xmx%s; steady %s, stall %s, outage %s, steady %s%n",
                scenario.channels(), scenario.rateHz(), scenario.heap(), seconds(scenario.steady()),
                seconds(scenario.stall()), seconds(scenario.outage()), seconds(scenario.steady())));
        t.append(String.format("  peak heap after GC   %,.1f MB of %,.1f MB (peak RSS %s)%n", bridge.heapAfterGc() / 1e6,
                bridge.maxHeap() / 1e6, bridge.peakRss() < 0 ? "n/a" : String.format("%,.1f MB", bridge.peakRss() / 1e6)));
        t.append(String.format("  samples received     %,d%n", bridge.received()));
        t.append(String.format("  samples dropped      %,d (buffer %,d; %,d packets lost by the sink with %,d samples)%n",
                bridge.droppedTotal(), bridge.droppedSamples(), bridge.droppedPackets(), bridge.droppedPacketSamples()));
        t.append(String.format("  samples filled       %,d (short gaps, block.gap)%n", bridge.filled()));
        t.append(String.format("  samples on Kafka     %,d%n", landedSamples));
        t.append(String.format("  unaccounted          %,d (received - dropped + filled - on Kafka; must be 0)%n", unaccounted()));
        t.append(String.format("  duplicate packets    %,d%n", duplicatePackets));
        t.append(String.format("  reconnects, resends  %,d, %,d%n", bridge.reconnects(), bridge.resends()));
        t.append(String.format("  session rule check   %s%n", violations.isEmpty() ? "every rule holds"
                : violations.size() + " violation(s)"));
        violations.stream().limit(10).forEach(v -> t.append("    ").append(v).append(System.lineSeparator()));
        t.append(passed() ? "PASSED" : "FAILED").append(System.lineSeparator());
        return t.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
