package io.slipstream.iracing.layout;

import io.slipstream.spi.DataType;

/** The six value types of an iRacing variable ({@code irsdk_VarType}), with their size in a row. */
public enum VarType {
    /** {@code irsdk_char}: one byte. */
    CHAR(0, 1, DataType.SINT8),
    /** {@code irsdk_bool}: one byte, non-zero is true. */
    BOOL(1, 1, DataType.UINT8),
    /** {@code irsdk_int}: signed 32-bit. */
    INT(2, 4, DataType.SINT32),
    /** {@code irsdk_bitField}: 32 bits, read as unsigned (bit 31 is used). */
    BIT_FIELD(3, 4, DataType.UINT32),
    /** {@code irsdk_float}: 32-bit IEEE. */
    FLOAT(4, 4, DataType.FLOAT32),
    /** {@code irsdk_double}: 64-bit IEEE. */
    DOUBLE(5, 8, DataType.FLOAT64);

    private static final VarType[] BY_CODE = values();

    private final int code;
    private final int bytes;
    private final DataType dataType;

    VarType(int code, int bytes, DataType dataType) {
        this.code = code;
        this.bytes = bytes;
        this.dataType = dataType;
    }

    /** @return the type code in the var header */
    public int code() {
        return code;
    }

    /** @return bytes per element */
    public int bytes() {
        return bytes;
    }

    /** @return the ATLAS data type this maps to */
    public DataType dataType() {
        return dataType;
    }

    /**
     * @param code a type code read from a var header
     * @return the type, or null for a code outside 0..5 (6 is the SDK's bound marker, never a real type)
     */
    public static VarType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
