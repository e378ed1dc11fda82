package io.slipstream.sink.streamapi;

/**
 * One packet on its way to one stream: the serialised {@code DataPacketDetails} exactly as it goes on the wire,
 * with its session packet id kept for the resend buffer and confirmation. The bytes are never changed after
 * construction (the record's equality is identity on them, which nothing relies on).
 *
 * @param id      the {@code Packet.id}
 * @param type    the {@code Packet.type}
 * @param details the serialised request detail
 */
record OutboundPacket(long id, String type, byte[] details) {

    /** @return serialised size of the detail in bytes */
    int size() {
        return details.length;
    }
}
