package io.slipstream.sink.streamapi;

import com.google.protobuf.CodedOutputStream;
import io.slipstream.spi.SampleStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import ma.streaming.open_data.v1.DataStatus;

/**
 * The protobuf wire pieces the hand-written data encoders share ({@link PeriodicEncoder}, {@link RowEncoder}): tags,
 * exact field sizes, the {@code DoubleSample} entry, and the envelope ({@code DataPacketDetails} around
 * {@code Packet} around the content) written straight into one array of exactly the right size.
 *
 * <p>Every size follows protobuf-java's builders: fields in number order, proto3 defaults left out (a {@code +0.0}
 * value, an empty string, a zero number), {@code -0.0} and NaN kept as written.
 */
final class Wire {

    // Tags: field number << 3 | wire type (0 varint, 1 fixed64, 2 length-delimited).
    static final int FIELD1_VARINT = 1 << 3;
    static final int FIELD1_FIXED64 = 1 << 3 | 1;
    static final int FIELD1_BYTES = 1 << 3 | 2;
    static final int FIELD2_VARINT = 2 << 3;
    static final int FIELD2_FIXED64 = 2 << 3 | 1;
    static final int FIELD2_BYTES = 2 << 3 | 2;
    static final int FIELD3_VARINT = 3 << 3;
    static final int FIELD3_BYTES = 3 << 3 | 2;
    static final int FIELD4_BYTES = 4 << 3 | 2;
    static final int FIELD5_VARINT = 5 << 3;

    /** A DoubleSample with a value: value tag + 8 bytes, status tag + 1 byte (DataStatus 1..3). */
    static final int SAMPLE_WITH_VALUE = 1 + 8 + 1 + 1;
    /** A DoubleSample whose value is +0.0, which proto3 leaves out: the status only. */
    static final int SAMPLE_ZERO = 1 + 1;
    /** One entry of a repeated DoubleSample field: tag, one-byte length, the sample. */
    static final int ENTRY_WITH_VALUE = 1 + 1 + SAMPLE_WITH_VALUE;
    static final int ENTRY_ZERO = 1 + 1 + SAMPLE_ZERO;
    /** Highest status ordinal a column may hold; DataStatus is the ordinal + 1 (VALID=1, MISSING=2, ERROR=3). */
    static final int MAX_STATUS = SampleStatus.values().length - 1;
    /** The status ordinal of a column without a status array. */
    static final int VALID_ORDINAL = SampleStatus.VALID.ordinal();

    static { // the status byte written is the SampleStatus ordinal + 1
        for (SampleStatus st : SampleStatus.values()) {
            DataStatus wire = DataStatus.forNumber(st.ordinal() + 1);
            if (wire == null || !wire.name().equals("DATA_STATUS_" + st.name())) {
                throw new IllegalStateException("SampleStatus." + st + " is no longer DataStatus " + (st.ordinal() + 1)
                        + "; update Wire");
            }
        }
    }

    /** Writes a packet's content; the envelope around it is {@link #details}'s. */
    @FunctionalInterface
    interface ContentWriter {
        /**
         * @param o the stream, positioned where the content starts
         * @throws IOException only when a computed size was wrong
         */
        void write(CodedOutputStream o) throws IOException;
    }

    private Wire() {
    }

    /**
     * The whole {@code DataPacketDetails} of one data packet, in one array of exactly its size.
     *
     * @param type        the {@code Packet.type}
     * @param contentSize the exact size of the content
     * @param content     writes the content
     * @param sessionKey  the session key (of the envelope and of the detail)
     * @param id          the session packet id
     * @param dataSource  the data source
     * @param stream      the stream name ("" is the main stream)
     * @param what        names the packet in an error
     * @return the serialised {@code DataPacketDetails}
     */
    static byte[] details(String type, int contentSize, ContentWriter content, String sessionKey, long id,
                          String dataSource, String stream, String what) {
        int packet = stringField(type) + stringField(sessionKey) + bytesField(contentSize) + uint64Field(id);
        int total = bytesField(packet) + stringField(dataSource) + stringField(stream) + stringField(sessionKey);
        byte[] out = new byte[total];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeUInt32NoTag(FIELD1_BYTES);
            o.writeUInt32NoTag(packet);
            writeString(o, 1, type);
            writeString(o, 2, sessionKey);
            o.writeUInt32NoTag(FIELD4_BYTES);
            o.writeUInt32NoTag(contentSize);
            content.write(o);
            if (id != 0) {
                o.writeUInt32NoTag(FIELD5_VARINT);
                o.writeUInt64NoTag(id);
            }
            writeString(o, 2, dataSource);
            writeString(o, 3, stream);
            writeString(o, 4, sessionKey);
            o.checkNoSpaceLeft();
        } catch (IOException e) { // only if the sizes above were wrong: a bug, not bad input
            throw new UncheckedIOException(type + " packet of " + what + " did not fill its " + total
                    + " computed bytes", e);
        }
        return out;
    }

    /**
     * The content alone, in one array of exactly its size.
     *
     * @param contentSize the exact size
     * @param content     writes it
     * @param what        names the packet in an error
     * @return the serialised content
     */
    static byte[] content(int contentSize, ContentWriter content, String what) {
        byte[] out = new byte[contentSize];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            content.write(o);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("packet of " + what + " did not fill its " + contentSize
                    + " computed bytes", e);
        }
        return out;
    }

    /** @return the size of a {@code SampleDataFormat{1: id}} field below 16 */
    static int formatField(long formatId) {
        return bytesField(1 + CodedOutputStream.computeUInt64SizeNoTag(formatId));
    }

    /** Writes a {@code SampleDataFormat{1: id}} as field 1; the id is a oneof member, written even when 0. */
    static void writeFormat(CodedOutputStream o, long formatId) throws IOException {
        o.writeUInt32NoTag(FIELD1_BYTES);
        o.writeUInt32NoTag(1 + CodedOutputStream.computeUInt64SizeNoTag(formatId));
        o.writeUInt32NoTag(FIELD1_VARINT);
        o.writeUInt64NoTag(formatId);
    }

    /** @return the size of one repeated DoubleSample entry holding {@code value} */
    static int entrySize(double value) {
        return Double.doubleToRawLongBits(value) == 0L ? ENTRY_ZERO : ENTRY_WITH_VALUE;
    }

    /**
     * Writes one entry of a repeated DoubleSample field 1.
     *
     * @param status the status ordinal, already checked
     */
    static void writeEntry(CodedOutputStream o, double value, int status) throws IOException {
        long bits = Double.doubleToRawLongBits(value);
        o.write((byte) FIELD1_BYTES);
        if (bits != 0L) {
            o.write((byte) SAMPLE_WITH_VALUE);
            o.write((byte) FIELD1_FIXED64);
            o.writeFixed64NoTag(bits);
        } else {
            o.write((byte) SAMPLE_ZERO);
        }
        o.write((byte) FIELD2_VARINT);
        o.write((byte) (status + 1));
    }

    /**
     * @param status a status ordinal from a column
     * @return whether it names a {@link SampleStatus}
     */
    static boolean badStatus(byte status) {
        return status < 0 || status > MAX_STATUS;
    }

    /** @return what a bad status ordinal should have been, for error messages */
    static String expectedStatus() {
        return "0.." + MAX_STATUS + " " + Arrays.toString(SampleStatus.values());
    }

    /** @return the size of a length-delimited field (tag of a field below 16, length, body) */
    static int bytesField(int bodySize) {
        return 1 + CodedOutputStream.computeUInt32SizeNoTag(bodySize) + bodySize;
    }

    /** @return the size of a string field below 16, 0 when empty (proto3 leaves it out) */
    static int stringField(String s) {
        return s.isEmpty() ? 0 : 1 + CodedOutputStream.computeStringSizeNoTag(s);
    }

    /** @return the size of a uint64 field below 16, 0 when 0 */
    static int uint64Field(long v) {
        return v == 0 ? 0 : 1 + CodedOutputStream.computeUInt64SizeNoTag(v);
    }

    static void writeString(CodedOutputStream o, int field, String s) throws IOException {
        if (!s.isEmpty()) {
            o.writeString(field, s);
        }
    }
}
