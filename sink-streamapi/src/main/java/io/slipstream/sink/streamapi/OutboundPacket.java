package io.slipstream.sink.streamapi;

import ma.streaming.api.v1.DataPacketDetails;

/**
 * One packet on its way to one stream: the request detail as it goes on the wire, with its session packet id and
 * serialised size kept for the resend buffer and confirmation.
 *
 * @param id      the {@code Packet.id}
 * @param type    the {@code Packet.type}
 * @param details the request detail
 * @param size    serialised size of {@code details}
 */
record OutboundPacket(long id, String type, DataPacketDetails details, int size) {

    static OutboundPacket of(long id, String type, DataPacketDetails details) {
        return new OutboundPacket(id, type, details, details.getSerializedSize());
    }
}
