package io.slipstream.sink.streamapi;

/**
 * One packet on its way to one stream: the serialised {@code DataPacketDetails} exactly as it goes on the wire,
 * with its session packet id kept for the resend buffer and confirmation. The bytes are never changed after
 * construction (the record's equality is identity on them, which nothing relies on).
 *
 * @param id      the {@code Packet.id}
 * @param type    the {@code Packet.type}
 * @param details the serialised request detail
 * @param samples the sample slots of a data block (rows x columns), counted when first handed to gRPC; 0 for other
 *                packets and for a copy sent again after a reconnect
 */
record OutboundPacket(long id, String type, byte[] details, int samples) {

    /**
     * @param id      the {@code Packet.id}
     * @param type    the {@code Packet.type}
     * @param details the serialised request detail
     */
    OutboundPacket(long id, String type, byte[] details) {
        this(id, type, details, 0);
    }

    /** @return the same packet for sending again, its samples already counted */
    OutboundPacket again() {
        return samples == 0 ? this : new OutboundPacket(id, type, details, 0);
    }

    /** @return serialised size of the detail in bytes */
    int size() {
        return details.length;
    }
}
