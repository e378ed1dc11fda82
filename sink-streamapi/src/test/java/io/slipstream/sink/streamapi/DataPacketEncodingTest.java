package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.spi.ChannelDefinition;
import java.util.List;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.RowDataPacket;
import org.junit.jupiter.api.Test;

class DataPacketEncodingTest {

    private static final List<ChannelDefinition> CHANNELS = List.of(ChannelDefinition.builder("A:Test").build(),
            ChannelDefinition.builder("B:Test").build());

    @Test
    void aBlockIsTheSinksOnePeriodicPacket() {
        Block block = new Block(new RateGroup(1, 1_000L, CHANNELS), 5_000L, 1_000L, 3,
                new double[][] {{1, 2, 3}, {4, 5, 6}}, null);
        List<byte[]> packets = DataPacketEncoding.encode(block, 7, "key", 11, "Source", "s");
        assertEquals(1, packets.size());
        assertArrayEquals(PeriodicEncoder.details(block, 7, "key", 11, "Source", "s"), packets.get(0));
    }

    @Test
    void rowsPastTheCapAreSplitAsTheSinkSplitsThemWithConsecutiveIds() throws InvalidProtocolBufferException {
        int n = 20_000; // 2 channels x 20,000 rows of ~26 bytes each pass the 256 KiB cap
        long[] times = new long[n];
        double[][] values = new double[2][n];
        for (int i = 0; i < n; i++) {
            times[i] = 1_000L + i;
            values[0][i] = i + 1;
            values[1][i] = -i - 1;
        }
        Rows rows = new Rows(new RowGroup(2, CHANNELS), n, times, values, null);
        List<byte[]> packets = DataPacketEncoding.encode(rows, 3, "key", 100, "Source", "");
        RowEncoder reference = RowEncoder.split(rows, 3, SessionProtocol.MAX_PACKET_BYTES);
        assertTrue(packets.size() > 1, "expected a split, found " + packets.size() + " packet");
        assertEquals(reference.packets(), packets.size());
        int total = 0;
        for (int p = 0; p < packets.size(); p++) {
            DataPacketDetails d = DataPacketDetails.parseFrom(packets.get(p));
            assertEquals(100 + p, d.getMessage().getId(), "id of part " + p);
            total += RowDataPacket.parseFrom(d.getMessage().getContent()).getRowsCount();
        }
        assertEquals(n, total);
    }

    @Test
    void anEventThatIsNotDataIsRefusedByName() {
        Marker marker = new Marker(1_000L, "Lap 1", "Lap", "lap 1", "test", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataPacketEncoding.encode(marker, 1, "key", 1, "Source", ""));
        assertTrue(e.getMessage().contains("expected a Block or Rows"), e.getMessage());
    }
}
