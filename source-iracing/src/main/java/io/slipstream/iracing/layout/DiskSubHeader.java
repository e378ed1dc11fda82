package io.slipstream.iracing.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 32-byte {@code irsdk_diskSubHeader} at offset 112 of an .ibt file (spec §4.2). The writer fills all but
 * the start date only when it closes the file, so a crashed sim leaves zeros.
 *
 * @param sessionStartDate   Unix seconds when the file was opened
 * @param sessionStartTime   SessionTime of the first record
 * @param sessionEndTime     largest SessionTime written
 * @param sessionLapCount    distinct increasing Lap values seen
 * @param sessionRecordCount rows written (0 when the file was not closed)
 */
public record DiskSubHeader(long sessionStartDate, double sessionStartTime, double sessionEndTime,
                            int sessionLapCount, int sessionRecordCount) {

    /** Offset of the sub-header in the file. */
    public static final int OFFSET = IrsdkHeader.SIZE;
    /** Size of the sub-header. */
    public static final int SIZE = 32;

    /**
     * @param file the file bytes
     * @return the sub-header
     */
    public static DiskSubHeader read(ByteBuffer file) {
        ByteBuffer b = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new DiskSubHeader(b.getLong(OFFSET), b.getDouble(OFFSET + 8), b.getDouble(OFFSET + 16),
                b.getInt(OFFSET + 24), b.getInt(OFFSET + 28));
    }
}
