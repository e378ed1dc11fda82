package io.slipstream.atlaskafka.reactivekafka;

/**
 * A record to send, with correlation data that comes back with its outcome.
 *
 * @param topic       the topic
 * @param partition   the partition, or null for the partitioner's choice
 * @param key         the key (UTF-8), may be null
 * @param value       the value bytes
 * @param correlation anything the caller wants back with the result
 * @param <T>         the correlation type
 */
public record Outgoing<T>(String topic, Integer partition, String key, byte[] value, T correlation) {
}
