package io.slipstream.atlaskafka.inspect;

import ma.streaming.open_data.v1.Packet;

/**
 * One Kafka record of a data source's topics, decoded.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param offset    the offset
 * @param key       the record key (the session key; "" for the server's data-format definitions), may be null
 * @param packet    the decoded envelope, or null when the value is not a {@code Packet}
 * @param stream    the stream: "" for {@code {ds}} partition 0, the mapped name for another partition (or
 *                  {@code #P} when unmapped), {@code S} for topic {@code {ds}.S}, {@link #ESSENTIALS} for
 *                  {@code {ds}_essential}
 * @param rawValue  the record value as stored
 */
public record LandedPacket(String topic, int partition, long offset, String key, Packet packet, String stream,
                           byte[] rawValue) {

    /** The stream name given to the essentials topic. */
    public static final String ESSENTIALS = "@essential";

    /** @return whether this record is on the essentials topic */
    public boolean essentialsTopic() {
        return ESSENTIALS.equals(stream);
    }

    @Override
    public String toString() {
        return topic + ":" + partition + "@" + offset + " stream '" + stream + "' "
                + (packet == null ? "<not a Packet>" : packet.getType() + " #" + packet.getId());
    }
}
