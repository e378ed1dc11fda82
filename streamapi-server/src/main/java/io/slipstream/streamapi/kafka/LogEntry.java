package io.slipstream.streamapi.kafka;

/**
 * One record read back from a stream log.
 *
 * @param stream      the stream it belongs to ("" for main)
 * @param key         the Kafka key (session key; "" for the server's own data-format records; may be null)
 * @param value       the serialised packet
 * @param timestampMs the Kafka record timestamp (the submit time)
 * @param topic       the topic it was read from
 * @param partition   the partition it was read from
 * @param offset      its offset
 */
public record LogEntry(String stream, String key, byte[] value, long timestampMs, String topic, int partition, long offset) {
}
