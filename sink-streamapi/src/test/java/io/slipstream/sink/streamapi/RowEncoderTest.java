package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.spi.ChannelDefinition;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.RowDataPacket;
import org.junit.jupiter.api.Test;

/** {@link RowEncoder} against protobuf-java's builders ({@link BuilderReference}), byte for byte, and its byte cap. */
class RowEncoderTest {

    private static final double[] SPECIAL = {
        0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_dead_beef_0001L), Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 1.0, -1.0, 0.1};
    private static final long[] SPECIAL_LONGS = {
        0L, 1L, 127L, 128L, 16_384L, 0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE, -1L, 1_700_000_000_000_000_000L};
    private static final String[] TEXTS = {"", "s", "b5c1a7e0-5f2c-4a53-9d3e-2f1b7a6c9e10", "\u00e9t\u00e9",
        "\ud83c\udfce\ufe0f pit", "x".repeat(200)};
    private static final int NO_CAP = Integer.MAX_VALUE / 2;

    @Test
    void randomBatchesAreByteForByteTheBuildersOutputWhetherSplitOrNot() throws InvalidProtocolBufferException {
        long master = 0x0a70_5eedL;
        int samples = 0;
        int splitBatches = 0;
        for (int trial = 0; trial < 250; trial++) {
            long seed = master + trial;
            Random r = new Random(seed);
            Rows rows = randomRows(r);
            long formatId = pick(r, SPECIAL_LONGS);
            long id = pick(r, SPECIAL_LONGS);
            String key = TEXTS[r.nextInt(TEXTS.length)];
            String dataSource = TEXTS[r.nextInt(TEXTS.length)];
            String stream = r.nextBoolean() ? "" : TEXTS[r.nextInt(TEXTS.length)];
            // a cap that fits between one row and the whole batch forces a split
            int cap = r.nextBoolean() ? NO_CAP : 40 + rows.columns() * 13 + r.nextInt(4_000);
            String where = "trial " + trial + " (seed " + seed + ", " + rows + ", cap " + cap + ")";

            RowEncoder enc = RowEncoder.split(rows, formatId, cap);
            int from = 0;
            for (int part = 0; part < enc.packets(); part++) {
                int to = from + enc.samples(part) / rows.columns();
                byte[] content = enc.content(part);
                assertArrayEquals(BuilderReference.rows(rows, from, to, formatId).toByteArray(), content,
                        where + ": content of part " + part);
                assertTrue(content.length <= cap, where + ": part " + part + " has " + content.length + " bytes");
                assertArrayEquals(BuilderReference.rowDetails(rows, from, to, formatId, key, id, dataSource, stream)
                        .toByteArray(), enc.details(part, key, id, dataSource, stream), where + ": details");
                from = to;
            }
            assertEquals(rows.length(), from, where + ": every row in exactly one packet");
            splitBatches += enc.packets() > 1 ? 1 : 0;
            samples += rows.columns() * rows.length();
        }
        assertTrue(samples > 100_000, "the trials covered only " + samples + " samples");
        assertTrue(splitBatches > 50, "only " + splitBatches + " batches were split");
    }

    @Test
    void timestampsArePackedAndZeroIsLeftOutButNegativeZeroAndStatusAreWritten() {
        Rows rows = rows(new long[] {1_000L, 1_000L}, new double[][] {{0.0, -0.0}}, new byte[][] {{1, 2}});
        // data_format{1: 7}, timestamps packed (16 bytes), two rows of one sample each.
        String expected = "0a020807" + "1210" + "e803000000000000" + "e803000000000000"
                + "1a06" + "0a04" + "0a02" + "1002"                    // +0.0: status MISSING only
                + "1a0f" + "0a0d" + "0a0b" + "090000000000000080" + "1003"; // -0.0: value bits, ERROR
        assertEquals(expected, HexFormat.of().formatHex(RowEncoder.split(rows, 7L, NO_CAP).content(0)));
    }

    @Test
    void aBatchOverTheCapIsSplitBetweenRowsIntoPacketsWithinIt() throws InvalidProtocolBufferException {
        int n = 1_000;
        long[] times = new long[n];
        double[][] values = new double[10][n];
        for (int i = 0; i < n; i++) {
            times[i] = 1_700_000_000_000_000_000L + i * 37_000L;
            for (int c = 0; c < 10; c++) {
                values[c][i] = 1 + c + i;
            }
        }
        RowEncoder enc = RowEncoder.split(rows(times, values, null), 7L, 4_096);
        // a row: 8 bytes of time + SampleRow entry 136 (10 samples of 13); header 4 + 3: 28 rows fill 4,039 bytes
        assertEquals(36, enc.packets());
        long next = 0;
        for (int part = 0; part < enc.packets(); part++) {
            byte[] content = enc.content(part);
            assertTrue(content.length <= 4_096, "part " + part + ": " + content.length + " bytes");
            RowDataPacket p = RowDataPacket.parseFrom(content);
            assertEquals(part < 35 ? 28 : 20, p.getTimestampsCount(), "rows of part " + part);
            assertEquals(p.getTimestampsCount(), p.getRowsCount());
            assertEquals(7L, p.getDataFormat().getDataFormatIdentifier());
            for (int i = 0; i < p.getTimestampsCount(); i++, next++) {
                assertEquals(times[(int) next], p.getTimestamps(i));
                assertEquals(1 + next, p.getRows(i).getDoubleSamples().getSamples(0).getValue());
            }
        }
        assertEquals(n, next);
    }

    @Test
    void envelopeTypeIdAndStreamAreTheOnesGiven() throws InvalidProtocolBufferException {
        Rows rows = rows(new long[] {5L}, new double[][] {{1.5}, {2.5}}, null);
        Packet p = DataPacketDetails.parseFrom(RowEncoder.split(rows, 9L, NO_CAP)
                .details(0, "key", 42L, "Slipstream", "Stream1")).getMessage();
        assertEquals("RowData", p.getType());
        assertEquals(42L, p.getId());
        RowDataPacket content = RowDataPacket.parseFrom(p.getContent());
        assertEquals(2.5, content.getRows(0).getDoubleSamples().getSamples(1).getValue());
        assertEquals(DataStatus.DATA_STATUS_VALID, content.getRows(0).getDoubleSamples().getSamples(1).getStatus());
    }

    @Test
    void aRowLargerThanTheCapAloneIsRefusedNamingItsGroupAndTime() {
        Rows rows = rows(new long[] {10L, 20L}, new double[][] {{1.0, 2.0}, {3.0, 4.0}}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowEncoder.split(rows, 1L, 20));
        assertTrue(e.getMessage().contains("row 0 of row group 4 at 10 ns alone needs 44 bytes"), e.getMessage());
    }

    @Test
    void aRowBeforeThePreviousOneIsRefusedNamingBothTimes() {
        Rows rows = rows(new long[] {10L, 30L, 20L}, new double[][] {{1.0, 2.0, 3.0}}, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowEncoder.split(rows, 1L, NO_CAP));
        assertEquals("row 2 of row group 4 at 20 ns goes back in time from 30 ns; expected times that never decrease",
                e.getMessage());
    }

    @Test
    void unknownStatusIsRefusedNamingChannelAndTime() {
        for (byte bad : new byte[] {3, -1}) {
            Rows rows = rows(new long[] {10L, 20L}, new double[][] {{1.0, 2.0}, {3.0, 4.0}},
                    new byte[][] {null, {0, bad}});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RowEncoder.split(rows, 1L, NO_CAP));
            assertTrue(e.getMessage().contains("row 1 of row group 4 at 20 ns: channel C1:Test has status ordinal "
                    + bad), e.getMessage());
        }
    }

    private static Rows randomRows(Random r) {
        int columns = 1 + r.nextInt(50);
        int length = switch (r.nextInt(4)) {
            case 0 -> 1;
            case 1 -> 1 + r.nextInt(10);
            default -> 1 + r.nextInt(200);
        };
        long[] times = new long[length + r.nextInt(3)]; // arrays may be longer than the batch
        long t = pick(r, SPECIAL_LONGS);
        for (int i = 0; i < times.length; i++) {
            times[i] = t;
            long step = r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000); // repeated and irregular times alike
            t = t > Long.MAX_VALUE - step ? t : t + step; // never decreasing, even from Long.MAX_VALUE
        }
        double[][] values = new double[columns][];
        byte[][] status = r.nextInt(4) == 0 ? null : new byte[columns][];
        for (int c = 0; c < columns; c++) {
            values[c] = new double[times.length];
            for (int i = 0; i < values[c].length; i++) {
                values[c][i] = switch (r.nextInt(4)) {
                    case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
                    case 1 -> Double.longBitsToDouble(r.nextLong());
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
        return new Rows(group(columns), length, times, values, status);
    }

    private static long pick(Random r, long[] specials) {
        return r.nextInt(3) == 0 ? r.nextLong() : specials[r.nextInt(specials.length)];
    }

    private static Rows rows(long[] times, double[][] values, byte[][] status) {
        return new Rows(group(values.length), times.length, times, values, status);
    }

    private static RowGroup group(int columns) {
        List<ChannelDefinition> channels = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            channels.add(ChannelDefinition.builder("C" + c + ":Test").build());
        }
        return new RowGroup(4, channels);
    }
}
