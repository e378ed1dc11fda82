package io.slipstream.iracing.replay;

import io.slipstream.iracing.layout.DiskSubHeader;
import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.LayoutException;
import io.slipstream.iracing.layout.VarTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An .ibt file, memory-mapped and checked before anything is trusted (spec §4): header, disk sub-header, var
 * headers, session info and the row count, which is the smaller of the recorded count and what the length holds.
 */
public final class IbtFile implements AutoCloseable {

    private final String name;
    private final FileChannel channel;
    private final ByteBuffer bytes;
    private final IrsdkHeader header;
    private final DiskSubHeader subHeader;
    private final VarTable vars;
    private final int rowCount;
    private final long partialRowBytes;

    private IbtFile(String name, FileChannel channel, ByteBuffer bytes) {
        this.name = name;
        this.channel = channel;
        this.bytes = bytes;
        this.header = IrsdkHeader.read(bytes, name);
        header.validate(bytes.limit(), name);
        if (bytes.limit() < DiskSubHeader.OFFSET + DiskSubHeader.SIZE) {
            throw new LayoutException(name, bytes.limit(), "file ends inside the disk sub-header");
        }
        this.subHeader = DiskSubHeader.read(bytes);
        this.vars = VarTable.read(bytes, header, name);
        int firstRow = header.varBufs().get(0).bufOffset();
        long byLength = (bytes.limit() - (long) firstRow) / header.bufLen();
        this.partialRowBytes = (bytes.limit() - (long) firstRow) % header.bufLen();
        int recorded = subHeader.sessionRecordCount();
        this.rowCount = (int) (recorded > 0 ? Math.min(recorded, byLength) : byLength);
    }

    /**
     * Maps and checks a file; the caller closes it.
     *
     * @param path the .ibt file
     * @return the open file
     * @throws IOException     when the file cannot be read
     * @throws LayoutException when it is not a whole iRacing telemetry file, naming the offset
     */
    public static IbtFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return new IbtFile(path.getFileName().toString(), ch, map.order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Wraps bytes already in memory (tests, the benchmark).
     *
     * @param name  a name for errors
     * @param bytes the file content
     * @return the checked file
     */
    public static IbtFile of(String name, ByteBuffer bytes) {
        return new IbtFile(name, null, bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** @return the file name, for messages */
    public String name() {
        return name;
    }

    /** @return the whole file, little-endian */
    public ByteBuffer bytes() {
        return bytes;
    }

    /** @return the header */
    public IrsdkHeader header() {
        return header;
    }

    /** @return the disk sub-header */
    public DiskSubHeader subHeader() {
        return subHeader;
    }

    /** @return the variables */
    public VarTable vars() {
        return vars;
    }

    /** @return whole rows in the file */
    public int rowCount() {
        return rowCount;
    }

    /** @return bytes of a last row the writer did not finish (ignored), 0 normally */
    public long partialRowBytes() {
        return partialRowBytes;
    }

    /**
     * @param row a row index, 0..rowCount-1
     * @return the row's absolute offset in {@link #bytes()}
     */
    public int rowStart(int row) {
        return header.varBufs().get(0).bufOffset() + row * header.bufLen();
    }

    /** @return the session-info bytes exactly as written */
    public byte[] sessionInfoBytes() {
        byte[] yaml = new byte[header.sessionInfoLen()];
        bytes.get(header.sessionInfoOffset(), yaml);
        return yaml;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
