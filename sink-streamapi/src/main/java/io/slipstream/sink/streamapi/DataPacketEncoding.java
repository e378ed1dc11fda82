package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.Rows;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink's data encoders behind one public door: the {@code DataPacketDetails} bytes the sink sends for a
 * {@link Block} or a {@link Rows} batch, without a session or a socket. It exists for the JMH benchmarks in module
 * {@code benchmarks}, which reach the measured modules through their public API only; the sink itself calls the
 * encoders directly.
 */
public final class DataPacketEncoding {

    private DataPacketEncoding() {
    }

    /**
     * Encodes one data event exactly as the sink does: a block is one packet, a batch of rows one or more (split at
     * the sink's 256 KiB content cap), numbered from {@code firstId}.
     *
     * @param event      a {@link Block} or a {@link Rows} batch
     * @param formatId   the data format of its group's parameter list
     * @param sessionKey the session key
     * @param firstId    the session packet id of the first packet
     * @param dataSource the data source
     * @param stream     the stream name ("" is the main stream)
     * @return one serialised {@code DataPacketDetails} per packet
     * @throws IllegalArgumentException when the event is neither a block nor rows, or its data cannot be encoded
     */
    public static List<byte[]> encode(PipelineEvent event, long formatId, String sessionKey, long firstId,
                                      String dataSource, String stream) {
        if (event instanceof Block b) {
            return List.of(PeriodicEncoder.details(b, formatId, sessionKey, firstId, dataSource, stream));
        }
        if (event instanceof Rows r) {
            RowEncoder encoder = RowEncoder.split(r, formatId, SessionProtocol.MAX_PACKET_BYTES);
            List<byte[]> out = new ArrayList<>(encoder.packets());
            for (int part = 0; part < encoder.packets(); part++) {
                out.add(encoder.details(part, sessionKey, firstId + part, dataSource, stream));
            }
            return out;
        }
        throw new IllegalArgumentException("expected a Block or Rows to encode as data packets, found " + event);
    }
}
