package io.slipstream.streamapi.reactivekafka;

/**
 * A record read from Kafka.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the offset
 * @param key       the key (UTF-8), may be null
 * @param value     the value bytes, may be null
 * @param timestamp the record's timestamp, ms since the Unix epoch
 */
public record Received(String topic, int partition, long offset, String key, byte[] value, long timestamp) {
}
