package io.slipstream.atlaskafka.read;

import org.apache.kafka.common.TopicPartition;

/**
 * One partition a reader follows: where it starts and which stream name its records are labelled with.
 *
 * @param partition   the topic partition
 * @param startOffset the first offset to read; negative means the end of the log (only new records)
 * @param stream      the stream name reported with each record ("" for main)
 */
public record TailPartition(TopicPartition partition, long startOffset, String stream) {

    /**
     * @param partition the topic partition
     * @param stream    the stream name reported with each record
     * @return the partition read from its first record (the earliest one kept, if older ones were deleted)
     */
    public static TailPartition fromBeginning(TopicPartition partition, String stream) {
        return new TailPartition(partition, 0, stream);
    }
}
