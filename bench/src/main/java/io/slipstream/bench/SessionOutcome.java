package io.slipstream.bench;

import io.slipstream.atlaskafka.inspect.Violation;
import java.util.List;
import java.util.Map;

/**
 * What became of one of several concurrent sessions: what its source made, what its pipeline and sink dropped,
 * what was read back of it from Kafka, and what the session rules (those of {@code inspect --check}) found.
 *
 * @param sessionKey       the ATLAS session its sink opened
 * @param expectedSamples  samples its source should make: channels times ticks within the duration
 * @param generatedSamples samples its source made
 * @param filledSamples    MISSING samples its pipeline made up (part of what lands, not of what was made)
 * @param pipelineBlocks   blocks its pipeline sent
 * @param pipelineDropped  samples its pipeline dropped, by reason
 * @param sinkDropped      packets its sink dropped, by reason
 * @param readBack         what of it was found on Kafka
 * @param readBackComplete whether every block its pipeline sent was found within the drain timeout
 * @param violations       the session rules it breaks on Kafka, empty when it passes the check
 */
public record SessionOutcome(String sessionKey, long expectedSamples, long generatedSamples, long filledSamples,
                             long pipelineBlocks, Map<String, Long> pipelineDropped, Map<String, Long> sinkDropped,
                             ReadBackTally readBack, boolean readBackComplete, List<Violation> violations) {

    /** Copies the collections. */
    public SessionOutcome {
        pipelineDropped = Map.copyOf(pipelineDropped);
        sinkDropped = Map.copyOf(sinkDropped);
        violations = List.copyOf(violations);
    }

    /** @return samples made by the source that are not on Kafka (made-up MISSING samples do not count as found) */
    public long lostSamples() {
        return BenchResult.lost(expectedSamples, generatedSamples, filledSamples, readBack);
    }

    /** @return periodic data packets found on Kafka more than once */
    public long duplicatePackets() {
        return readBack.duplicatePackets();
    }

    /** @return samples the pipeline and packets the sink dropped, together */
    public long droppedTotal() {
        return pipelineDropped.values().stream().mapToLong(Long::longValue).sum()
                + sinkDropped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return whether the session passes the rule check */
    public boolean passesCheck() {
        return violations.isEmpty();
    }

    /** @return whether anything of it was lost, dropped, duplicated or broke a rule */
    public boolean failed() {
        return lostSamples() > 0 || droppedTotal() > 0 || duplicatePackets() > 0 || !readBackComplete
                || generatedSamples < expectedSamples || !passesCheck();
    }
}
