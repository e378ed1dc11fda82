package io.slipstream.iracing.layout;

import java.nio.ByteBuffer;

/** Reads one value of any {@link VarType} at any (possibly unaligned) absolute offset, as a double. */
public final class Values {

    private Values() {
    }

    /**
     * @param le   the bytes, in little-endian order
     * @param at   absolute offset of the value
     * @param type its type
     * @return the value; booleans as 0/1, bit fields unsigned
     */
    public static double read(ByteBuffer le, int at, VarType type) {
        return switch (type) {
            case CHAR -> le.get(at);
            case BOOL -> le.get(at) != 0 ? 1.0 : 0.0;
            case INT -> le.getInt(at);
            case BIT_FIELD -> Integer.toUnsignedLong(le.getInt(at));
            case FLOAT -> le.getFloat(at);
            case DOUBLE -> le.getDouble(at);
        };
    }
}
