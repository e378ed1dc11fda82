package io.slipstream.iracing.naive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second, deliberately simple reader of iRacing telemetry files, written from the layout in the project's
 * iRacing notes (header at 0, disk sub-header at 112, 144-byte var headers, rows back to back) and sharing no
 * code with the parser under test. Tests compare the parser with it value by value, so that the expected
 * values of the real files come from a program in the repository rather than from numbers typed in.
 *
 * <p>It reads the whole file into memory, trusts it (no bounds checks beyond what {@link ByteBuffer} does) and
 * decodes every value by its type code on every call: slow, short and easy to check by eye.
 */
public final class NaiveIbt {

    /** One var header as the file states it. */
    public record Var(int type, int offset, int count, boolean countAsTime, String name, String unit) {
    }

    private final ByteBuffer b;
    private final Map<String, Var> vars = new LinkedHashMap<>();

    private NaiveIbt(byte[] bytes) {
        b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int numVars = b.getInt(24);
        int varHeaderOffset = b.getInt(28);
        for (int i = 0; i < numVars; i++) {
            int at = varHeaderOffset + 144 * i;
            Var v = new Var(b.getInt(at), b.getInt(at + 4), b.getInt(at + 8), b.get(at + 12) != 0,
                    text(at + 16, 32), text(at + 112, 32));
            vars.put(v.name(), v);
        }
    }

    /** @param file an .ibt file or a dump of the live memory @return its reader */
    public static NaiveIbt read(Path file) throws IOException {
        return new NaiveIbt(Files.readAllBytes(file));
    }

    /** @return header field {@code ver} */
    public int version() { return b.getInt(0); }

    /** @return header field {@code tickRate} */
    public int tickRate() { return b.getInt(8); }

    /** @return header field {@code sessionInfoLen} */
    public int sessionInfoLen() { return b.getInt(16); }

    /** @return header field {@code sessionInfoOffset} */
    public int sessionInfoOffset() { return b.getInt(20); }

    /** @return header field {@code numBuf} */
    public int numBuf() { return b.getInt(32); }

    /** @return header field {@code bufLen} */
    public int bufLen() { return b.getInt(36); }

    /** @param i buffer index @return its {@code tickCount} */
    public int tickCount(int i) { return b.getInt(48 + 16 * i); }

    /** @param i buffer index @return its {@code bufOffset} */
    public int bufOffset(int i) { return b.getInt(52 + 16 * i); }

    /** @return the disk sub-header's {@code sessionStartTime} */
    public double sessionStartTime() { return b.getDouble(120); }

    /** @return the disk sub-header's {@code sessionEndTime} */
    public double sessionEndTime() { return b.getDouble(128); }

    /** @return the disk sub-header's {@code sessionRecordCount} */
    public int recordCount() { return b.getInt(140); }

    /** @return whole rows after buffer 0's offset, by the file's length */
    public int rowsByLength() { return (b.capacity() - bufOffset(0)) / bufLen(); }

    /** @return the var headers by name, in file order */
    public Map<String, Var> vars() { return vars; }

    /** @return the index of the buffer with the highest tick count (the newest row of a live dump) */
    public int newestBuffer() {
        int newest = 0;
        for (int i = 1; i < numBuf(); i++) {
            if (tickCount(i) > tickCount(newest)) {
                newest = i;
            }
        }
        return newest;
    }

    /**
     * @param rowStart absolute offset of a row
     * @param name     a variable
     * @param index    element of an array variable (0 for a scalar)
     * @return its value as a double (bit fields unsigned)
     */
    public double value(int rowStart, String name, int index) {
        Var v = vars.get(name);
        int[] sizes = {1, 1, 4, 4, 4, 8};
        int at = rowStart + v.offset() + sizes[v.type()] * index;
        return switch (v.type()) {
            case 0 -> b.get(at);
            case 1 -> b.get(at) != 0 ? 1 : 0;
            case 2 -> b.getInt(at);
            case 3 -> b.getInt(at) & 0xFFFF_FFFFL;
            case 4 -> b.getFloat(at);
            case 5 -> b.getDouble(at);
            default -> throw new IllegalStateException(name + " has type " + v.type());
        };
    }

    /** @return the session-info YAML text as stored (up to its first NUL, if any) */
    public String sessionInfo() {
        return text(sessionInfoOffset(), sessionInfoLen());
    }

    private String text(int at, int max) {
        int len = 0;
        while (len < max && b.get(at + len) != 0) {
            len++;
        }
        byte[] out = new byte[len];
        b.get(at, out);
        return new String(out, StandardCharsets.ISO_8859_1);
    }
}
