package io.slipstream.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * What the read-back needs of one Kafka record: the envelope's type and id and, for periodic data, the block's
 * start, interval, rows and samples. Read straight from the bytes, skipping the values, so that counting a million
 * samples a second back costs next to nothing beside the path being measured (the generated parser would build an
 * object per sample).
 *
 * @param type          {@code Packet.type}, e.g. {@code PeriodicData}
 * @param id            {@code Packet.id}
 * @param startNanos    start time of a periodic data block, else 0
 * @param intervalNanos its interval, else 0
 * @param rows          samples in its first column, else 0
 * @param columns       its columns, else 0
 * @param samples       samples in all its columns, else 0
 */
public record PacketShape(String type, long id, long startNanos, long intervalNanos, int rows, int columns,
                          long samples) {

    /** {@code Packet.type} of a periodic data block. */
    public static final String PERIODIC_DATA = "PeriodicData";

    /** @return whether this is a periodic data block */
    public boolean periodicData() {
        return PERIODIC_DATA.equals(type);
    }

    /**
     * @param value a record value: a serialised {@code ma.streaming.open_data.v1.Packet}
     * @return its shape
     * @throws IllegalArgumentException when the bytes are not a Packet (or its content not the PeriodicDataPacket
     *                                  its type says)
     */
    public static PacketShape parse(byte[] value) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(value);
            String type = "";
            long id = 0;
            int contentAt = -1;
            int contentLength = 0;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> type = in.readStringRequireUtf8();
                    case 4 -> {
                        contentLength = in.readRawVarint32();
                        contentAt = in.getTotalBytesRead();
                        in.skipRawBytes(contentLength);
                    }
                    case 5 -> id = in.readUInt64();
                    default -> in.skipField(tag);
                }
            }
            if (!PERIODIC_DATA.equals(type) || contentAt < 0) {
                return new PacketShape(type, id, 0, 0, 0, 0, 0);
            }
            return periodic(type, id, CodedInputStream.newInstance(value, contentAt, contentLength));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a serialised Packet: " + e.getMessage(), e);
        }
    }

    private static PacketShape periodic(String type, long id, CodedInputStream in) throws IOException {
        long start = 0;
        long interval = 0;
        int rows = 0;
        int columns = 0;
        long samples = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 2 -> start = in.readFixed64();
                case 3 -> interval = Integer.toUnsignedLong(in.readUInt32());
                case 4 -> {
                    int inColumn = columnSamples(in);
                    if (columns == 0) {
                        rows = inColumn;
                    }
                    columns++;
                    samples += inColumn;
                }
                default -> in.skipField(tag);
            }
        }
        return new PacketShape(type, id, start, interval, rows, columns, samples);
    }

    /** A SampleColumn holds one typed list (its oneof); each list holds its samples as field 1. */
    private static int columnSamples(CodedInputStream in) throws IOException {
        int columnEnd = in.pushLimit(in.readRawVarint32());
        int count = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                in.skipField(tag);
                continue;
            }
            int listEnd = in.pushLimit(in.readRawVarint32());
            for (int t = in.readTag(); t != 0; t = in.readTag()) {
                if (WireFormat.getTagFieldNumber(t) == 1) {
                    count++;
                }
                in.skipField(t);
            }
            in.popLimit(listEnd);
        }
        in.popLimit(columnEnd);
        return count;
    }
}
