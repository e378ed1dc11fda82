package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.spi.ChannelDefinition;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import org.junit.jupiter.api.Test;

class PeriodicEncoderTest {

    private static final double[] SPECIAL = {
        0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_dead_beef_0001L), Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, 1e-300, 1e300, 1.0, -1.0, 0.1};
    private static final long[] SPECIAL_LONGS = {
        0L, 1L, 127L, 128L, 16_383L, 16_384L, Integer.MAX_VALUE, 0xFFFF_FFFFL, 1L << 35, Long.MAX_VALUE,
        Long.MIN_VALUE, -1L, 1_700_000_000_000_000_000L};
    private static final long[] INTERVALS = {1L, 127L, 128L, 1_000L, 1_000_000L, 100_000_000L,
        Integer.MAX_VALUE, 1L << 31, 0xFFFF_FFFFL};
    private static final String[] TEXTS = {
        "", "s", "b5c1a7e0-5f2c-4a53-9d3e-2f1b7a6c9e10", "Spa-Francorchamps \u00e9t\u00e9", "\u9234\u9e7f\u30b5\u30fc\u30ad\u30c3\u30c8",
        "\ud83c\udfce\ufe0f pit", "lone \ud800 surrogate", "x".repeat(200)};

    @Test
    void randomBlocksAreByteForByteTheBuildersOutput() throws InvalidProtocolBufferException {
        long master = 0x5eed_cafeL;
        int samples = 0;
        for (int trial = 0; trial < 250; trial++) {
            long seed = master + trial;
            Random r = new Random(seed);
            Block block = randomBlock(r);
            long formatId = pick(r, SPECIAL_LONGS);
            long id = pick(r, SPECIAL_LONGS);
            String key = TEXTS[r.nextInt(TEXTS.length)];
            String dataSource = TEXTS[r.nextInt(TEXTS.length)];
            String stream = r.nextBoolean() ? "" : TEXTS[r.nextInt(TEXTS.length)];
            String where = "trial " + trial + " (seed " + seed + ", " + block + ")";

            byte[] expectedContent = BuilderReference.periodic(block, formatId).toByteArray();
            assertArrayEquals(expectedContent, PeriodicEncoder.content(block, formatId), where + ": content");
            DataPacketDetails expected = BuilderReference.details(block, formatId, key, id, dataSource, stream);
            byte[] actual = PeriodicEncoder.details(block, formatId, key, id, dataSource, stream);
            assertArrayEquals(expected.toByteArray(), actual, where + ": details");
            // bytes equal the reference; a lone surrogate makes the strings differ after a round trip, so check
            // only that the nested content is well-formed and whole
            PeriodicDataPacket parsed = PeriodicDataPacket.parseFrom(
                    DataPacketDetails.parseFrom(actual).getMessage().getContent());
            assertEquals(block.columns(), parsed.getColumnsCount(), where + ": columns");
            assertEquals(block.length(), parsed.getColumns(block.columns() - 1).getDoubleSamples().getSamplesCount(),
                    where + ": samples in the last column");
            samples += block.columns() * block.length();
        }
        assertTrue(samples > 100_000, "the trials covered only " + samples + " samples");
    }

    @Test
    void zeroIsLeftOutButNegativeZeroIsWritten() {
        Block block = block(1_000L, new double[][] {{0.0, -0.0}}, new byte[][] {{1, 2}});
        // data_format{1: 7}, start_time 1000 (fixed64), interval 1000, one column of two samples.
        String expected = "0a020807" + "11e803000000000000" + "18e807" + "2213" + "0a11"
                + "0a02" + "1002"                               // +0.0: status MISSING only
                + "0a0b" + "090000000000000080" + "1003";       // -0.0: value bits 0x8000000000000000, ERROR
        assertEquals(expected, HexFormat.of().formatHex(PeriodicEncoder.content(block, 7L)));
    }

    @Test
    void envelopeTypeIdAndStreamAreTheOnesGiven() throws InvalidProtocolBufferException {
        Block block = block(1_000_000L, new double[][] {{1.5}, {2.5}}, null);
        DataPacketDetails d = DataPacketDetails.parseFrom(
                PeriodicEncoder.details(block, 9L, "key-\u00e9", 42L, "Slipstream", "Stream1"));
        Packet p = d.getMessage();
        assertEquals("PeriodicData", p.getType());
        assertEquals("key-\u00e9", p.getSessionKey());
        assertEquals(42L, p.getId());
        assertEquals(false, p.getIsEssential());
        assertEquals("Slipstream", d.getDataSource());
        assertEquals("Stream1", d.getStream());
        assertEquals("key-\u00e9", d.getSessionKey());
        PeriodicDataPacket content = PeriodicDataPacket.parseFrom(p.getContent());
        assertEquals(9L, content.getDataFormat().getDataFormatIdentifier());
        assertEquals(1_000_000, content.getInterval());
        assertEquals(2.5, content.getColumns(1).getDoubleSamples().getSamples(0).getValue());
        assertEquals(DataStatus.DATA_STATUS_VALID, content.getColumns(1).getDoubleSamples().getSamples(0).getStatus());
    }

    @Test
    void intervalOutsideUint32IsRefusedNamingTheBlock() {
        for (long interval : new long[] {0L, -1L, 0x1_0000_0000L}) {
            Block block = block(interval, new double[][] {{1.0}}, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PeriodicEncoder.details(block, 1L, "k", 1L, "ds", ""));
            assertTrue(e.getMessage().contains("group 3 at 1000 ns") && e.getMessage().contains("interval " + interval),
                    e.getMessage());
        }
    }

    @Test
    void unknownStatusIsRefusedNamingChannelAndTime() {
        for (byte bad : new byte[] {3, -1}) {
            Block block = block(10L, new double[][] {{1.0, 2.0}, {3.0, 4.0}}, new byte[][] {null, {0, bad}});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PeriodicEncoder.content(block, 1L));
            assertTrue(e.getMessage().contains("channel C1:Test at 1010 ns has status ordinal " + bad),
                    e.getMessage());
        }
    }

    private static Block randomBlock(Random r) {
        int columns = 1 + r.nextInt(50);
        int length = switch (r.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 1 + r.nextInt(10);
            default -> 1 + r.nextInt(200);
        };
        double[][] values = new double[columns][];
        byte[][] status = r.nextInt(4) == 0 ? null : new byte[columns][];
        for (int c = 0; c < columns; c++) {
            values[c] = new double[length + r.nextInt(3)]; // arrays may be longer than the block
            for (int i = 0; i < values[c].length; i++) {
                values[c][i] = switch (r.nextInt(4)) {
                    case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
                    case 1 -> Double.longBitsToDouble(r.nextLong()); // any bit pattern, NaN payloads included
                    default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 10);
                };
            }
            if (status != null && r.nextBoolean()) {
                status[c] = new byte[values[c].length];
                for (int i = 0; i < status[c].length; i++) {
                    status[c][i] = (byte) r.nextInt(3);
                }
            }
        }
        long interval = r.nextInt(3) == 0 ? 1 + Long.remainderUnsigned(r.nextLong(), 0xFFFF_FFFFL)
                : INTERVALS[r.nextInt(INTERVALS.length)];
        return new Block(group(columns), pick(r, SPECIAL_LONGS), interval, length, values, status);
    }

    private static long pick(Random r, long[] specials) {
        return r.nextInt(3) == 0 ? r.nextLong() : specials[r.nextInt(specials.length)];
    }

    private static Block block(long interval, double[][] values, byte[][] status) {
        return new Block(group(values.length), 1_000L, interval, values[0].length, values, status);
    }

    private static RateGroup group(int columns) {
        List<ChannelDefinition> channels = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            channels.add(ChannelDefinition.builder("C" + c + ":Test").build());
        }
        return new RateGroup(3, 1_000L, channels);
    }
}
