package io.slipstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;
import org.junit.jupiter.api.Test;

/** The read-back's byte-level decoder agrees with the generated protobuf classes. */
class PacketShapeTest {

    private static byte[] periodic(int columns, int rows, long start, int interval, long id) {
        PeriodicDataPacket.Builder b = PeriodicDataPacket.newBuilder()
                .setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(99))
                .setStartTime(start)
                .setInterval(interval);
        for (int c = 0; c < columns; c++) {
            DoubleSampleList.Builder list = DoubleSampleList.newBuilder();
            for (int r = 0; r < rows; r++) {
                // value 0 and VALID are defaults and encode as an empty sample: they must still count
                list.addSamples(DoubleSample.newBuilder().setValue(r == 0 ? 0 : r * 1.5)
                        .setStatus(r == 1 ? DataStatus.DATA_STATUS_MISSING : DataStatus.DATA_STATUS_VALID));
            }
            b.addColumns(SampleColumn.newBuilder().setDoubleSamples(list));
        }
        return Packet.newBuilder().setType("PeriodicData").setSessionKey("s-1").setContent(b.build().toByteString())
                .setId(id).build().toByteArray();
    }

    @Test
    void readsStartIntervalRowsColumnsAndIdOfAPeriodicDataPacket() {
        PacketShape s = PacketShape.parse(periodic(7, 13, 1_700_000_000_123_456_789L, 1_000_000, 42));

        assertTrue(s.periodicData());
        assertEquals(42, s.id());
        assertEquals(1_700_000_000_123_456_789L, s.startNanos());
        assertEquals(1_000_000, s.intervalNanos());
        assertEquals(13, s.rows());
        assertEquals(7, s.columns());
        assertEquals(91, s.samples());
    }

    @Test
    void anIntervalAboveTwoToTheThirtyOneIsReadUnsigned() {
        PacketShape s = PacketShape.parse(periodic(1, 2, 5, (int) 3_000_000_000L, 1));

        assertEquals(3_000_000_000L, s.intervalNanos());
    }

    @Test
    void otherPacketsGiveTheirTypeAndIdButNoSamples() {
        byte[] marker = Packet.newBuilder().setType("Marker").setId(9)
                .setContent(MarkerPacket.newBuilder().setLabel("Lap 2").build().toByteString()).build().toByteArray();

        PacketShape s = PacketShape.parse(marker);

        assertFalse(s.periodicData());
        assertEquals("Marker", s.type());
        assertEquals(9, s.id());
        assertEquals(0, s.samples());
    }

    @Test
    void bytesThatAreNotAPacketAreRejected() {
        byte[] truncated = periodic(3, 3, 1, 1, 1);
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 5);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PacketShape.parse(cut));
        assertTrue(e.getMessage().contains("not a serialised Packet"), e.getMessage());
    }
}
