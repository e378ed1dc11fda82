package io.slipstream.sink.streamapi;

import static io.slipstream.sink.streamapi.Wire.FIELD1_BYTES;
import static io.slipstream.sink.streamapi.Wire.FIELD2_BYTES;
import static io.slipstream.sink.streamapi.Wire.FIELD3_BYTES;
import static io.slipstream.sink.streamapi.Wire.VALID_ORDINAL;
import static io.slipstream.sink.streamapi.Wire.bytesField;

import com.google.protobuf.CodedOutputStream;
import io.slipstream.pipeline.Rows;
import java.io.IOException;

/**
 * Writes a batch of timestamped rows as one or more {@code RowDataPacket}s straight from its primitive columns, like
 * {@link PeriodicEncoder}: one sizing pass (exact sizes, statuses checked), then each packet is written by
 * {@link CodedOutputStream} into an array of exactly its size, with no message object per sample.
 *
 * <p>A batch whose packet would pass the byte cap is split between rows into consecutive packets, each within the
 * cap and each with the batch's data format; no row is split, moved or dropped. The bytes are those protobuf-java's
 * builders produce (the sink's tests compare them).
 *
 * <p>Layout of the content (field number: type):
 * <pre>
 * RowDataPacket 1: SampleDataFormat{1: data_format_identifier}, 2: timestamps (packed fixed64, ns),
 *               3: SampleRow{1: DoubleSampleList{1: DoubleSample{1: value (double), 2: status (enum)}}}... one per row
 * </pre>
 */
final class RowEncoder {

    /** The {@code Packet.type} of row data. */
    static final String TYPE = "RowData";

    private final Rows rows;
    private final long formatId;
    /** Per row, the size of its DoubleSampleList body. */
    private final int[] listSizes;
    /** Part {@code p} holds rows {@code bounds[p]} to {@code bounds[p + 1]} (exclusive). */
    private final int[] bounds;
    private final int parts;

    private RowEncoder(Rows rows, long formatId, int[] listSizes, int[] bounds, int parts) {
        this.rows = rows;
        this.formatId = formatId;
        this.listSizes = listSizes;
        this.bounds = bounds;
        this.parts = parts;
    }

    /**
     * Sizes a batch and splits it into packets.
     *
     * @param rows            the batch
     * @param formatId        the data format of its group's parameter list
     * @param maxContentBytes the cap of one packet's {@code RowDataPacket} bytes
     * @return the encoder of the batch's packets
     * @throws IllegalArgumentException when a status is unknown, a row's time is before the previous row's, or a
     *                                  single row alone passes the cap
     */
    static RowEncoder split(Rows rows, long formatId, int maxContentBytes) {
        int n = rows.length();
        int[] sizes = listSizes(rows);
        int[] bounds = new int[n + 1];
        int parts = 0;
        int format = Wire.formatField(formatId);
        long body = 0;
        int first = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && rows.time(i) < rows.time(i - 1)) { // readers and ATLAS take row times as never decreasing
                throw new IllegalArgumentException(describe(rows, i) + " goes back in time from "
                        + rows.time(i - 1) + " ns; expected times that never decrease");
            }
            long entry = bytesField(bytesField(sizes[i]));
            long with = format + bytesField(8 * (i - first + 1)) + body + entry;
            if (with > maxContentBytes) {
                if (i == first) {
                    throw new PacketTooLargeException(describe(rows, i) + " alone needs " + with
                            + " bytes; a row packet is capped at " + maxContentBytes, with);
                }
                bounds[++parts] = i;
                first = i;
                body = 0;
            }
            body += entry;
        }
        bounds[++parts] = n;
        return new RowEncoder(rows, formatId, sizes, bounds, parts);
    }

    /** @return how many packets the batch takes, at least 1 */
    int packets() {
        return parts;
    }

    /**
     * @param part a packet, 0 to {@link #packets()} - 1
     * @return its sample slots, rows x columns
     */
    int samples(int part) {
        return (bounds[part + 1] - bounds[part]) * rows.columns();
    }

    /**
     * @param part a packet, 0 to {@link #packets()} - 1
     * @return the serialised {@code RowDataPacket}, the envelope's content
     */
    byte[] content(int part) {
        return Wire.content(contentSize(part), o -> writeContent(o, part), describe(rows, bounds[part]));
    }

    /**
     * The whole request detail of one packet, as {@code WriteDataPackets} sends it.
     *
     * @param part       a packet, 0 to {@link #packets()} - 1
     * @param sessionKey the session key (of the envelope and of the detail)
     * @param id         the session packet id
     * @param dataSource the data source
     * @param stream     the stream name ("" is the main stream)
     * @return the serialised {@code DataPacketDetails}
     */
    byte[] details(int part, String sessionKey, long id, String dataSource, String stream) {
        return Wire.details(TYPE, contentSize(part), o -> writeContent(o, part), sessionKey, id, dataSource, stream,
                describe(rows, bounds[part]));
    }

    private int contentSize(int part) {
        int from = bounds[part];
        int to = bounds[part + 1];
        int size = Wire.formatField(formatId) + bytesField(8 * (to - from));
        for (int i = from; i < to; i++) {
            size += bytesField(bytesField(listSizes[i]));
        }
        return size;
    }

    private void writeContent(CodedOutputStream o, int part) throws IOException {
        int from = bounds[part];
        int to = bounds[part + 1];
        Wire.writeFormat(o, formatId);
        o.writeUInt32NoTag(FIELD2_BYTES); // packed: one length, then the fixed64s
        o.writeUInt32NoTag(8 * (to - from));
        for (int i = from; i < to; i++) {
            o.writeFixed64NoTag(rows.time(i));
        }
        int columns = rows.columns();
        double[][] values = new double[columns][];
        byte[][] status = new byte[columns][];
        for (int c = 0; c < columns; c++) {
            values[c] = rows.values(c);
            status[c] = rows.status(c);
        }
        for (int i = from; i < to; i++) {
            int list = listSizes[i];
            o.writeUInt32NoTag(FIELD3_BYTES);
            o.writeUInt32NoTag(bytesField(list));
            o.writeUInt32NoTag(FIELD1_BYTES); // SampleRow.double_samples, a oneof member
            o.writeUInt32NoTag(list);
            for (int c = 0; c < columns; c++) {
                byte[] s = status[c];
                Wire.writeEntry(o, values[c][i], s == null ? VALID_ORDINAL : s[i]);
            }
        }
    }

    /** @return per row, the size of its DoubleSampleList; checks every status on the way */
    private static int[] listSizes(Rows rows) {
        int n = rows.length();
        int[] sizes = new int[n];
        for (int c = 0; c < rows.columns(); c++) {
            double[] v = rows.values(c);
            byte[] s = rows.status(c);
            for (int i = 0; i < n; i++) {
                sizes[i] += Wire.entrySize(v[i]);
                if (s != null && Wire.badStatus(s[i])) {
                    throw new IllegalArgumentException(describe(rows, i) + ": channel "
                            + rows.group().channels().get(c).identifier() + " has status ordinal " + s[i]
                            + "; expected " + Wire.expectedStatus());
                }
            }
        }
        return sizes;
    }

    private static String describe(Rows rows, int row) {
        return "row " + row + " of row group " + rows.group().id() + " at " + rows.time(row) + " ns";
    }
}
