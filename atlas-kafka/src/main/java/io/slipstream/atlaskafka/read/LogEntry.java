package io.slipstream.atlaskafka.read;

import org.apache.kafka.common.record.TimestampType;

/**
 * One record read back from a stream log.
 *
 * @param stream      the stream it belongs to ("" for main)
 * @param key         the Kafka key (session key; "" for the server's own data-format records; may be null)
 * @param value       the serialised packet
 * @param timestampMs the Kafka record timestamp: the producer's send time, or the broker's append time when the
 *                    topic is configured so ({@code timestampType})
 * @param topic       the topic it was read from
 * @param partition   the partition it was read from
 * @param offset      its offset
 * @param timestampType which clock {@code timestampMs} is
 */
public record LogEntry(String stream, String key, byte[] value, long timestampMs, String topic, int partition, long offset,
                       TimestampType timestampType) {
}
