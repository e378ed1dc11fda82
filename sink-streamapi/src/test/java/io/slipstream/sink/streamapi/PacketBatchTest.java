package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.open_data.v1.Packet;
import org.junit.jupiter.api.Test;

class PacketBatchTest {

    /** Details of several sizes, so that their length prefixes take one, two and three bytes. */
    private static List<DataPacketDetails> details() {
        List<DataPacketDetails> list = new ArrayList<>();
        for (int size : new int[] {0, 10, 200, 20_000}) {
            list.add(DataPacketDetails.newBuilder().setDataSource("Slipstream").setStream("Stream1")
                    .setSessionKey("k\u00e9y").setMessage(Packet.newBuilder().setType("Marker").setId(size)
                            .setContent(ByteString.copyFrom(new byte[size]))).build());
        }
        return list;
    }

    private static PacketBatch batch(List<DataPacketDetails> details) {
        return new PacketBatch(details.stream().map(DataPacketDetails::toByteArray).toList());
    }

    @Test
    void bytesAreThoseOfTheRequestBuiltFromMessages() throws IOException {
        List<DataPacketDetails> details = details();
        byte[] expected = WriteDataPacketsRequest.newBuilder().addAllDetails(details).build().toByteArray();
        PacketBatch batch = batch(details);

        assertEquals(expected.length, batch.serializedSize());
        assertArrayEquals(expected, batch.toByteArray());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        batch.writeTo(written);
        assertArrayEquals(expected, written.toByteArray());
    }

    @Test
    void grpcDrainsTheKnownLengthOrReadsItByteByByte() throws IOException {
        List<DataPacketDetails> details = details();
        byte[] expected = WriteDataPacketsRequest.newBuilder().addAllDetails(details).build().toByteArray();

        InputStream drained = PacketBatchMarshaller.INSTANCE.stream(batch(details));
        assertEquals(expected.length, ((KnownLength) drained).available());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(expected.length, ((Drainable) drained).drainTo(out));
        assertArrayEquals(expected, out.toByteArray());
        assertEquals(0, drained.available());

        InputStream read = PacketBatchMarshaller.INSTANCE.stream(batch(details));
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.write(read.read());
        byte[] some = new byte[7];
        mixed.write(some, 0, read.read(some, 0, some.length));
        assertEquals(expected.length - 8, read.available());
        assertEquals(expected.length - 8, ((Drainable) read).drainTo(mixed));
        assertArrayEquals(expected, mixed.toByteArray());
        assertEquals(-1, read.read());
    }
}
