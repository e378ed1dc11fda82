package io.slipstream.iracing.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The 112-byte {@code irsdk_header} at offset 0 of the live map and of an .ibt file (spec §1.1).
 *
 * @param ver               API header version (1 or 2)
 * @param status            bit field; bit 0 set while the sim is in a session
 * @param tickRate          ticks per second
 * @param sessionInfoUpdate incremented each time the session YAML changes
 * @param sessionInfoLen    YAML length (.ibt) or capacity (live)
 * @param sessionInfoOffset absolute offset of the YAML
 * @param numVars           number of var headers
 * @param varHeaderOffset   absolute offset of the var-header array
 * @param numBuf            row buffers in use (1..4)
 * @param bufLen            bytes in one row
 * @param curBufTickCount   SDK 1.20: copy of the newest tick, 0 when unused
 * @param curBuf            SDK 1.20: index of the newest buffer, 0 when unused
 * @param varBufs           the {@code numBuf} buffer descriptors in use
 */
public record IrsdkHeader(int ver, int status, int tickRate, int sessionInfoUpdate, int sessionInfoLen,
                          int sessionInfoOffset, int numVars, int varHeaderOffset, int numBuf, int bufLen,
                          int curBufTickCount, int curBuf, List<VarBuf> varBufs) {

    /** Size of the header in bytes. */
    public static final int SIZE = 112;
    /** Size of one var header in bytes. */
    public static final int VAR_HEADER_SIZE = 144;
    /** At most this many row buffers exist ({@code IRSDK_MAX_BUFS}). */
    public static final int MAX_BUFS = 4;
    /** Offset of the first {@code irsdk_varBuf}. */
    public static final int VAR_BUF_OFFSET = 48;
    /** Size of one {@code irsdk_varBuf}. */
    public static final int VAR_BUF_SIZE = 16;
    /**
     * Most variables a layout may declare: the sim writes about 300, and each costs objects per channel, so a
     * forged count inside a large file must not turn into millions of them.
     */
    public static final int MAX_VARS = 65_536;
    /** Largest session-info area: the live map reserves 512 KiB; the text is copied and parsed whole. */
    public static final int MAX_SESSION_INFO = 16 << 20;
    /** The {@code irsdk_stConnected} bit of {@link #status}. */
    public static final int STATUS_CONNECTED = 1;

    /** Copies the buffer list. */
    public IrsdkHeader {
        varBufs = List.copyOf(varBufs);
    }

    /**
     * Reads the header without judging it; call {@link #validate} before trusting any extent.
     *
     * @param buf   the map or file, any byte order (read as little-endian)
     * @param where the input's name, for errors
     * @return the header
     * @throws LayoutException when fewer than 112 bytes are there
     */
    public static IrsdkHeader read(ByteBuffer buf, String where) {
        if (buf.limit() < SIZE) {
            throw new LayoutException(where, buf.limit(),
                    "input ends after " + buf.limit() + " bytes, expected a " + SIZE + "-byte irsdk_header");
        }
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int numBuf = b.getInt(32);
        int usable = Math.max(0, Math.min(numBuf, MAX_BUFS));
        List<VarBuf> bufs = new ArrayList<>(usable);
        for (int i = 0; i < usable; i++) {
            bufs.add(readVarBuf(b, i));
        }
        return new IrsdkHeader(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20),
                b.getInt(24), b.getInt(28), numBuf, b.getInt(36), b.getInt(40), b.get(44) & 0xFF, bufs);
    }

    /**
     * Reads one buffer descriptor straight from the input (the live reader re-reads it after a copy).
     *
     * @param littleEndian the input in little-endian order
     * @param i            the buffer index, 0..3
     * @return the descriptor as it is now
     */
    public static VarBuf readVarBuf(ByteBuffer littleEndian, int i) {
        int at = VAR_BUF_OFFSET + VAR_BUF_SIZE * i;
        return new VarBuf(littleEndian.getInt(at), littleEndian.getInt(at + 4), littleEndian.getInt(at + 8));
    }

    /**
     * Checks the header against spec §9.2: version, buffer count, row length, and that every region it names
     * lies inside the input.
     *
     * @param extent bytes available in the map or file
     * @param where  the input's name, for errors
     * @throws LayoutException naming the first bad field and its offset
     */
    public void validate(long extent, String where) {
        if (ver != 1 && ver != 2) {
            throw new LayoutException(where, 0, "header version is " + ver + ", expected 1 or 2"
                    + " (this is not an iRacing telemetry header, or the input is truncated at its start)");
        }
        if (tickRate <= 0 || tickRate > 10_000) {
            throw new LayoutException(where, 8, "tickRate is " + tickRate + ", expected 1..10000 ticks per second");
        }
        if (numBuf < 1 || numBuf > MAX_BUFS) {
            throw new LayoutException(where, 32, "numBuf is " + numBuf + ", expected 1.." + MAX_BUFS);
        }
        if (bufLen <= 0) {
            throw new LayoutException(where, 36, "bufLen is " + bufLen + ", expected a positive row length");
        }
        if (numVars <= 0 || numVars > MAX_VARS) {
            throw new LayoutException(where, 24, "numVars is " + numVars + ", expected 1.." + MAX_VARS + " variables");
        }
        if (sessionInfoLen > MAX_SESSION_INFO) {
            throw new LayoutException(where, 16, "sessionInfoLen is " + sessionInfoLen + ", expected at most "
                    + MAX_SESSION_INFO + " bytes of session info");
        }
        checkRegion(where, 28, "var headers", varHeaderOffset, (long) numVars * VAR_HEADER_SIZE, extent);
        checkRegion(where, 20, "session info", sessionInfoOffset, sessionInfoLen, extent);
        for (int i = 0; i < varBufs.size(); i++) {
            // A buffer must hold at least one whole row; an .ibt holds several back to back.
            checkRegion(where, VAR_BUF_OFFSET + VAR_BUF_SIZE * i + 4L, "row buffer " + i,
                    varBufs.get(i).bufOffset(), bufLen, extent);
        }
    }

    private static void checkRegion(String where, long fieldOffset, String what, long start, long length,
                                     long extent) {
        if (start < SIZE || length < 0 || start + length > extent) {
            throw new LayoutException(where, fieldOffset, what + " span bytes " + start + ".." + (start + length)
                    + ", expected a region after the " + SIZE + "-byte header and inside the " + extent
                    + " bytes available");
        }
    }

    /** @return whether the sim is in a session (status bit 0) */
    public boolean connected() {
        return (status & STATUS_CONNECTED) != 0;
    }

    /** @return the index of the buffer with the largest tick count */
    public int newestBuffer() {
        int best = 0;
        for (int i = 1; i < varBufs.size(); i++) {
            if (varBufs.get(i).tickCount() > varBufs.get(best).tickCount()) {
                best = i;
            }
        }
        return best;
    }

    /** @return the bytes the map must span: the end of the furthest region the header names */
    public long extent() {
        long end = Math.max((long) sessionInfoOffset + sessionInfoLen, varHeaderOffset + (long) numVars * VAR_HEADER_SIZE);
        for (VarBuf vb : varBufs) {
            end = Math.max(end, (long) vb.bufOffset() + bufLen);
        }
        return end;
    }
}
