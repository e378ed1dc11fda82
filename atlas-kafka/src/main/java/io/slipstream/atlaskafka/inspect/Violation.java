package io.slipstream.atlaskafka.inspect;

/**
 * A broken session rule, as seen on Kafka.
 *
 * @param rule     which rule, e.g. {@code rule 3: gapless blocks}
 * @param stream   the stream it was seen on
 * @param offset   the Kafka offset of the offending record, or -1 when the rule is about something missing
 * @param packetId the offending {@code Packet.id}, or -1
 * @param message  what was wrong and what was expected
 */
public record Violation(String rule, String stream, long offset, long packetId, String message) {

    @Override
    public String toString() {
        return rule + " [stream '" + stream + "', offset " + offset + ", packet " + packetId + "]: " + message;
    }
}
