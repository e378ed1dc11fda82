package io.slipstream.sink.streamapi;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * gRPC's view of a {@link PacketBatch}: a stream of known length that gRPC drains straight into its frame buffer.
 * It only sends: parsing is a server's job.
 */
final class PacketBatchMarshaller implements MethodDescriptor.Marshaller<PacketBatch> {

    static final PacketBatchMarshaller INSTANCE = new PacketBatchMarshaller();

    private PacketBatchMarshaller() {
    }

    @Override
    public InputStream stream(PacketBatch batch) {
        return new BatchStream(batch);
    }

    /** Only a server parses requests, and the sink is a client; the server side uses the generated marshaller. */
    @Override
    public PacketBatch parse(InputStream in) {
        throw new UnsupportedOperationException("the sink only sends WriteDataPacketsRequest; it never parses one");
    }

    /** Drained whole by gRPC; read byte by byte only by whoever does not know {@link Drainable}. */
    private static final class BatchStream extends InputStream implements Drainable, KnownLength {

        private PacketBatch batch;
        private final int size;
        private ByteArrayInputStream bytes;

        BatchStream(PacketBatch batch) {
            this.batch = batch;
            this.size = batch.serializedSize();
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            if (bytes != null) { // partly read already: hand over the rest
                int rest = bytes.available();
                bytes.transferTo(target);
                return rest;
            }
            if (batch == null) {
                return 0;
            }
            batch.writeTo(target);
            batch = null;
            return size;
        }

        @Override
        public int available() {
            if (bytes != null) {
                return bytes.available();
            }
            return batch == null ? 0 : size;
        }

        @Override
        public int read() {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return open().read(b, off, len);
        }

        private ByteArrayInputStream open() {
            if (bytes == null) {
                bytes = new ByteArrayInputStream(batch == null ? new byte[0] : batch.toByteArray());
                batch = null;
            }
            return bytes;
        }
    }
}
