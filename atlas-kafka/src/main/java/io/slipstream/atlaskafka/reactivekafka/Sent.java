package io.slipstream.atlaskafka.reactivekafka;

/**
 * The broker's answer for one {@link Outgoing} record.
 *
 * @param correlation the record's correlation data
 * @param topic       where it went
 * @param partition   which partition
 * @param offset      its offset, or -1 when it failed
 * @param error       why it failed, or null when the broker acknowledged it
 * @param <T>         the correlation type
 */
public record Sent<T>(T correlation, String topic, int partition, long offset, Exception error) {

    /** @return whether the broker acknowledged the record */
    public boolean ok() {
        return error == null;
    }
}
