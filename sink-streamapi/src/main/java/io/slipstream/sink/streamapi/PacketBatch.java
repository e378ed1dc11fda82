package io.slipstream.sink.streamapi;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One {@code WriteDataPacketsRequest} whose details are already serialised: the request is nothing but its
 * repeated field 1, so its bytes are each detail behind a tag and a length. Sending it copies each detail once,
 * into gRPC's buffer, instead of parsing it back into messages to serialise them again.
 *
 * @param details the serialised {@code DataPacketDetails}, in order; not changed afterwards
 */
record PacketBatch(List<byte[]> details) {

    /** Tag of {@code WriteDataPacketsRequest.details}: field 1, length-delimited. */
    private static final int DETAILS_TAG = 1 << 3 | 2;

    PacketBatch {
        details = List.copyOf(details);
    }

    /** @return the size of the request in bytes */
    int serializedSize() {
        int size = 0;
        for (byte[] d : details) {
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(d.length) + d.length;
        }
        return size;
    }

    /**
     * Writes the request.
     *
     * @param out where to
     * @throws IOException when {@code out} fails
     */
    void writeTo(OutputStream out) throws IOException {
        byte[] prefix = new byte[1 + 5];
        for (byte[] d : details) {
            CodedOutputStream p = CodedOutputStream.newInstance(prefix);
            p.writeUInt32NoTag(DETAILS_TAG);
            p.writeUInt32NoTag(d.length);
            out.write(prefix, 0, p.getTotalBytesWritten());
            out.write(d);
        }
    }

    /** @return the request's bytes */
    byte[] toByteArray() {
        byte[] out = new byte[serializedSize()];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            for (byte[] d : details) {
                o.writeByteArray(1, d);
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new IllegalStateException("a batch of " + details.size() + " packets did not fill its "
                    + out.length + " computed bytes", e);
        }
        return out;
    }
}
