package io.slipstream.sink.streamapi;

import com.google.protobuf.CodedOutputStream;
import io.slipstream.pipeline.Block;
import io.slipstream.spi.SampleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import ma.streaming.open_data.v1.DataStatus;

/**
 * Writes a block's periodic data straight from its primitive columns to protobuf bytes, with no message object per
 * sample: sizes first (exact, without allocating), then one pass of {@link CodedOutputStream} writes into a byte
 * array of exactly that size.
 *
 * <p>The bytes are those protobuf-java's builders produce for the same message, field for field: fields in number
 * order, proto3 defaults left out (a {@code +0.0} value, an empty string, {@code false}, a zero number), and
 * {@code -0.0} and NaN kept as written. The sink's tests hold the builder path as the reference and compare bytes.
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

    // Tags: field number << 3 | wire type (0 varint, 1 fixed64, 2 length-delimited).
    private static final int FIELD1_VARINT = 1 << 3;
    private static final int FIELD1_FIXED64 = 1 << 3 | 1;
    private static final int FIELD1_BYTES = 1 << 3 | 2;
    private static final int FIELD2_VARINT = 2 << 3;
    private static final int FIELD2_FIXED64 = 2 << 3 | 1;
    private static final int FIELD3_VARINT = 3 << 3;
    private static final int FIELD4_BYTES = 4 << 3 | 2;
    private static final int FIELD5_VARINT = 5 << 3;

    /** A DoubleSample with a value: value tag + 8 bytes, status tag + 1 byte (DataStatus 1..3). */
    private static final int SAMPLE_WITH_VALUE = 1 + 8 + 1 + 1;
    /** A DoubleSample whose value is +0.0, which proto3 leaves out: the status only. */
    private static final int SAMPLE_ZERO = 1 + 1;
    /** One entry of the repeated samples field: tag, one-byte length, the sample. */
    private static final int ENTRY_WITH_VALUE = 1 + 1 + SAMPLE_WITH_VALUE;
    private static final int ENTRY_ZERO = 1 + 1 + SAMPLE_ZERO;
    /** Highest status ordinal a block may hold; DataStatus is the ordinal + 1 (VALID=1, MISSING=2, ERROR=3). */
    private static final int MAX_STATUS = SampleStatus.values().length - 1;
    private static final int VALID = SampleStatus.VALID.ordinal() + 1;

    static { // the status byte written is the SampleStatus ordinal + 1
        for (SampleStatus st : SampleStatus.values()) {
            DataStatus wire = DataStatus.forNumber(st.ordinal() + 1);
            if (wire == null || !wire.name().equals("DATA_STATUS_" + st.name())) {
                throw new IllegalStateException("SampleStatus." + st + " is no longer DataStatus " + (st.ordinal() + 1)
                        + "; update PeriodicEncoder");
            }
        }
    }

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
        int content = contentSize(block, formatId, listSizes);
        int packet = stringField(TYPE) + stringField(sessionKey) + bytesField(content) + uint64Field(id);
        int total = bytesField(packet) + stringField(dataSource) + stringField(stream) + stringField(sessionKey);
        byte[] out = new byte[total];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeUInt32NoTag(FIELD1_BYTES);
            o.writeUInt32NoTag(packet);
            o.writeString(1, TYPE);
            writeString(o, 2, sessionKey);
            o.writeUInt32NoTag(FIELD4_BYTES);
            o.writeUInt32NoTag(content);
            writeContent(o, block, formatId, listSizes);
            if (id != 0) {
                o.writeUInt32NoTag(FIELD5_VARINT);
                o.writeUInt64NoTag(id);
            }
            writeString(o, 2, dataSource);
            writeString(o, 3, stream);
            writeString(o, 4, sessionKey);
            o.checkNoSpaceLeft();
        } catch (IOException e) { // only if the sizes above were wrong: a bug, not bad input
            throw new UncheckedIOException("periodic packet of " + describe(block) + " did not fill its " + total
                    + " computed bytes", e);
        }
        return out;
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
        byte[] out = new byte[contentSize(block, formatId, listSizes)];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            writeContent(o, block, formatId, listSizes);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("periodic packet of " + describe(block) + " did not fill its "
                    + out.length + " computed bytes", e);
        }
        return out;
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
            if (s[i] < 0 || s[i] > MAX_STATUS) {
                throw new IllegalArgumentException(describe(block) + ": channel "
                        + block.group().channels().get(col).identifier() + " at "
                        + (block.startNanos() + i * block.intervalNanos()) + " ns has status ordinal " + s[i]
                        + "; expected 0.." + MAX_STATUS + " " + Arrays.toString(SampleStatus.values()));
            }
        }
    }

    private static int contentSize(Block block, long formatId, int[] listSizes) {
        long size = bytesField(1 + CodedOutputStream.computeUInt64SizeNoTag(formatId))
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
        o.writeUInt32NoTag(FIELD1_BYTES);
        o.writeUInt32NoTag(1 + CodedOutputStream.computeUInt64SizeNoTag(formatId));
        o.writeUInt32NoTag(FIELD1_VARINT); // a oneof member: written even when 0
        o.writeUInt64NoTag(formatId);
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
                long bits = Double.doubleToRawLongBits(v[i]);
                o.write((byte) FIELD1_BYTES);
                if (bits != 0L) {
                    o.write((byte) SAMPLE_WITH_VALUE);
                    o.write((byte) FIELD1_FIXED64);
                    o.writeFixed64NoTag(bits);
                } else {
                    o.write((byte) SAMPLE_ZERO);
                }
                o.write((byte) FIELD2_VARINT);
                o.write((byte) (s == null ? VALID : s[i] + 1));
            }
        }
    }

    /** @return the size of a length-delimited field (tag of a field below 16, length, body) */
    private static int bytesField(int bodySize) {
        return 1 + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
    }

    /** @return the size of a string field below 16, 0 when empty (proto3 leaves it out) */
    private static int stringField(String s) {
        return s.isEmpty() ? 0 : 1 + CodedOutputStream.computeStringSizeNoTag(s);
    }

    /** @return the size of a uint64 field below 16, 0 when 0 */
    private static int uint64Field(long v) {
        return v == 0 ? 0 : 1 + CodedOutputStream.computeUInt64SizeNoTag(v);
    }

    private static void writeString(CodedOutputStream o, int field, String s) throws IOException {
        if (!s.isEmpty()) {
            o.writeString(field, s);
        }
    }

    private static String describe(Block block) {
        return "block of group " + block.group().id() + " at " + block.startNanos() + " ns";
    }
}
