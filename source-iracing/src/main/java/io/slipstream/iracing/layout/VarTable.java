package io.slipstream.iracing.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of one layout, by name, read from the var-header array and checked (spec §9.2): known types,
 * every value inside the row, names non-empty and unique.
 */
public final class VarTable {

    /**
     * Most values all variables may hold together (array elements counted): each becomes a channel when all are
     * selected. The sim's ~300 variables hold a few thousand; a forged count would otherwise ask for millions.
     */
    public static final int MAX_ELEMENTS = 262_144;

    private final List<VarHeader> vars;
    private final Map<String, VarHeader> byName;
    private final int bufLen;

    private VarTable(List<VarHeader> vars, int bufLen) {
        this.vars = List.copyOf(vars);
        Map<String, VarHeader> m = new LinkedHashMap<>();
        for (VarHeader v : vars) {
            m.put(v.name(), v);
        }
        this.byName = Collections.unmodifiableMap(m);
        this.bufLen = bufLen;
    }

    /**
     * Builds a table from headers already known (tests, writers).
     *
     * @param vars   the variables in header order
     * @param bufLen the row length
     * @return the table
     */
    public static VarTable of(List<VarHeader> vars, int bufLen) {
        return new VarTable(vars, bufLen);
    }

    /**
     * Reads and checks the var headers a validated header points at.
     *
     * @param buf    the map or file
     * @param header its validated header
     * @param where  the input's name, for errors
     * @return the table
     * @throws LayoutException naming the offset of the first bad var header field
     */
    public static VarTable read(ByteBuffer buf, IrsdkHeader header, String where) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<VarHeader> vars = new ArrayList<>(header.numVars());
        Map<String, Integer> seen = new LinkedHashMap<>();
        long elements = 0;
        for (int i = 0; i < header.numVars(); i++) {
            int at = header.varHeaderOffset() + i * IrsdkHeader.VAR_HEADER_SIZE;
            int code = b.getInt(at);
            VarType type = VarType.ofCode(code);
            if (type == null) {
                throw new LayoutException(where, at, "var header " + i + " has type " + code + ", expected 0..5");
            }
            int offset = b.getInt(at + 4);
            int count = b.getInt(at + 8);
            String name = text(b, at + 16, 32);
            if (name.isEmpty()) {
                throw new LayoutException(where, at + 16, "var header " + i + " has an empty name");
            }
            if (count < 1) {
                throw new LayoutException(where, at + 8,
                        "variable " + name + " has count " + count + ", expected at least 1");
            }
            if (offset < 0 || (long) offset + (long) type.bytes() * count > header.bufLen()) {
                throw new LayoutException(where, at + 4, "variable " + name + " spans row bytes " + offset + ".."
                        + ((long) offset + (long) type.bytes() * count) + ", expected inside the "
                        + header.bufLen() + "-byte row");
            }
            elements += count;
            if (elements > MAX_ELEMENTS) {
                throw new LayoutException(where, at + 8, "variable " + name + " has count " + count + ", which"
                        + " takes the variables past " + MAX_ELEMENTS + " values in all; expected a few thousand");
            }
            Integer before = seen.putIfAbsent(name, i);
            if (before != null) {
                throw new LayoutException(where, at + 16,
                        "variable name " + name + " appears twice (var headers " + before + " and " + i + ")");
            }
            vars.add(new VarHeader(type, offset, count, b.get(at + 12) != 0, name, text(b, at + 48, 64),
                    text(b, at + 112, 32)));
        }
        return new VarTable(vars, header.bufLen());
    }

    /** Names, descriptions and units are fixed-width, cut at the first NUL, and ASCII in practice. */
    private static String text(ByteBuffer b, int at, int width) {
        int len = 0;
        while (len < width && b.get(at + len) != 0) {
            len++;
        }
        byte[] bytes = new byte[len];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1).strip();
    }

    /** @return the variables in header order */
    public List<VarHeader> vars() {
        return vars;
    }

    /**
     * @param name a variable name
     * @return the variable, or null when this car or mode lacks it
     */
    public VarHeader get(String name) {
        return byName.get(name);
    }

    /** @return the row length these offsets refer to */
    public int bufLen() {
        return bufLen;
    }

    /** @return the number of variables */
    public int size() {
        return vars.size();
    }
}
