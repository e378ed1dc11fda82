package io.slipstream.sink.streamapi;

import static io.slipstream.sink.streamapi.Wire.ENTRY_WITH_VALUE;
import static io.slipstream.sink.streamapi.Wire.ENTRY_ZERO;
import static io.slipstream.sink.streamapi.Wire.FIELD1_BYTES;
import static io.slipstream.sink.streamapi.Wire.FIELD2_FIXED64;
import static io.slipstream.sink.streamapi.Wire.FIELD3_VARINT;
import static io.slipstream.sink.streamapi.Wire.FIELD4_BYTES;
import static io.slipstream.sink.streamapi.Wire.VALID_ORDINAL;
import static io.slipstream.sink.streamapi.Wire.bytesField;

import com.google.protobuf.CodedOutputStream;
import io.slipstream.pipeline.Block;
import java.io.IOException;

/**
 * Writes a block's periodic data straight from its primitive columns to protobuf bytes, with no message object per
 * sample: sizes first (exact, without allocating), then one pass of {@link CodedOutputStream} writes into a byte
 * array of exactly that size.
 *
 * <p>The bytes are those protobuf-java's builders produce for the same message, field for field (see {@link Wire}).
 * The sink's tests hold the builder path as the reference and compare bytes.
 *
 * <p>Layout, from the outside in (field number: type):
 * <pre>
 * DataPacketDetails  1: Packet, 2: data_source, 3: stream, 4: session_key
 * Packet             1: type "PeriodicData", 2: session_key, 3: is_essential (false, left out), 4: content, 5: id
 * PeriodicDataPacket 1: SampleDataFormat{1: data_format_identifier}, 2: start_time (fixed64), 3: interval (uint32),
 *                    4: SampleColumn{1: DoubleSampleList{1: DoubleSample{1: value (double), 2: status (enum)}}}...
 * </pre>
 */
final class PeriodicEncoder {

    /** The {@code Packet.type} of periodic data. */
    static final String TYPE = "PeriodicData";

    private PeriodicEncoder() {
    }

    /**
     * The whole request detail of one block, as {@code WriteDataPackets} sends it.
     *
     * @param block      a gapless block
     * @param formatId   the data format of its group's parameter list
     * @param sessionKey the session key (of the envelope and of the detail)
     * @param id         the session packet id
     * @param dataSource the data source
     * @param stream     the stream name ("" is the main stream)
     * @return the serialised {@code DataPacketDetails}
     * @throws IllegalArgumentException when the block's interval does not fit a uint32 or a status is unknown
     */
    static byte[] details(Block block, long formatId, String sessionKey, long id, String dataSource, String stream) {
        int[] listSizes = listSizes(block);
        return Wire.details(TYPE, contentSize(block, formatId, listSizes),
                o -> writeContent(o, block, formatId, listSizes), sessionKey, id, dataSource, stream, describe(block));
    }

    /**
     * The {@code PeriodicDataPacket} alone, the {@code Packet.content} of a block.
     *
     * @param block    a gapless block
     * @param formatId the data format of its group's parameter list
     * @return the serialised {@code PeriodicDataPacket}
     * @throws IllegalArgumentException when the block's interval does not fit a uint32 or a status is unknown
     */
    static byte[] content(Block block, long formatId) {
        int[] listSizes = listSizes(block);
        return Wire.content(contentSize(block, formatId, listSizes), o -> writeContent(o, block, formatId, listSizes),
                describe(block));
    }

    /**
     * How many samples per column one packet of a block may hold within a cap, sized for the worst case (every value
     * non-zero, every length prefix at its longest) so that each part is within the cap whatever its values.
     *
     * @param block           a block
     * @param formatId        the data format of its group's parameter list
     * @param maxContentBytes the cap of one packet's {@code PeriodicDataPacket} bytes
     * @return samples per column per packet, at least 1 (the block's length when it fits whole)
     * @throws PacketTooLargeException when one sample of every column alone passes the cap
     */
    static int rowsPerPacket(Block block, long formatId, int maxContentBytes) {
        long header = Wire.formatField(formatId) + 1 + 8 + 1 + 5;
        long framing = (long) block.columns() * (1 + 5 + 1 + 5); // SampleColumn and DoubleSampleList tags and lengths
        long row = (long) block.columns() * ENTRY_WITH_VALUE;
        long rows = (maxContentBytes - header - framing) / row;
        if (rows < 1) {
            throw new PacketTooLargeException(describe(block) + ": one sample of each of its " + block.columns()
                    + " channels needs up to " + (header + framing + row) + " bytes; a data packet is capped at "
                    + maxContentBytes + " (sink max-packet-bytes)", contentBytes(block, formatId));
        }
        return (int) Math.min(block.length(), rows);
    }

    /**
     * @param block    a block
     * @param formatId the data format of its group's parameter list
     * @return the exact size of its {@code PeriodicDataPacket}, without writing it
     */
    static long contentBytes(Block block, long formatId) {
        long size = Wire.formatField(formatId) + (block.startNanos() != 0 ? 1 + 8 : 0)
                + 1 + CodedOutputStream.computeUInt32SizeNoTag((int) block.intervalNanos());
        for (int list : listSizes(block)) {
            size += bytesField(bytesField(list));
        }
        return size;
    }

    /** @return per column, the size of its DoubleSampleList; checks every status on the way */
    private static int[] listSizes(Block block) {
        long interval = block.intervalNanos();
        if (interval <= 0 || interval > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(describe(block) + " has interval " + interval
                    + " ns; expected 1 ns to 4.29 s (uint32)");
        }
        int n = block.length();
        int[] sizes = new int[block.columns()];
        for (int col = 0; col < sizes.length; col++) {
            double[] v = block.values(col);
            int zeros = 0;
            for (int i = 0; i < n; i++) {
                if (Double.doubleToRawLongBits(v[i]) == 0L) {
                    zeros++;
                }
            }
            byte[] s = block.status(col);
            if (s != null) {
                checkStatus(block, col, s);
            }
            long size = (long) ENTRY_WITH_VALUE * (n - zeros) + (long) ENTRY_ZERO * zeros;
            if (size > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException(describe(block) + " is too large for one packet: column " + col
                        + " alone needs " + size + " bytes");
            }
            sizes[col] = (int) size;
        }
        return sizes;
    }

    private static void checkStatus(Block block, int col, byte[] s) {
        for (int i = 0; i < block.length(); i++) {
            if (Wire.badStatus(s[i])) {
                throw new IllegalArgumentException(describe(block) + ": channel "
                        + block.group().channels().get(col).identifier() + " at "
                        + (block.startNanos() + i * block.intervalNanos()) + " ns has status ordinal " + s[i]
                        + "; expected " + Wire.expectedStatus());
            }
        }
    }

    private static int contentSize(Block block, long formatId, int[] listSizes) {
        long size = Wire.formatField(formatId)
                + (block.startNanos() != 0 ? 1 + 8 : 0)
                + 1 + CodedOutputStream.computeUInt32SizeNoTag((int) block.intervalNanos());
        for (int list : listSizes) {
            size += bytesField(bytesField(list));
        }
        if (size > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(describe(block) + " is too large for one packet: " + size + " bytes");
        }
        return (int) size;
    }

    private static void writeContent(CodedOutputStream o, Block block, long formatId, int[] listSizes)
            throws IOException {
        Wire.writeFormat(o, formatId);
        if (block.startNanos() != 0) {
            o.writeUInt32NoTag(FIELD2_FIXED64);
            o.writeFixed64NoTag(block.startNanos());
        }
        o.writeUInt32NoTag(FIELD3_VARINT);
        o.writeUInt32NoTag((int) block.intervalNanos());
        int n = block.length();
        for (int col = 0; col < listSizes.length; col++) {
            int list = listSizes[col];
            o.writeUInt32NoTag(FIELD4_BYTES);
            o.writeUInt32NoTag(bytesField(list));
            o.writeUInt32NoTag(FIELD1_BYTES); // SampleColumn.double_samples, a oneof member
            o.writeUInt32NoTag(list);
            double[] v = block.values(col);
            byte[] s = block.status(col);
            for (int i = 0; i < n; i++) {
                Wire.writeEntry(o, v[i], s == null ? VALID_ORDINAL : s[i]);
            }
        }
    }

    private static String describe(Block block) {
        return "block of group " + block.group().id() + " at " + block.startNanos() + " ns";
    }
}
