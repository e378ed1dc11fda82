package io.slipstream.iracing.layout;

/**
 * One variable's description ({@code irsdk_varHeader}, 144 bytes).
 *
 * @param type        the value type
 * @param offset      byte offset of the value from the start of a row
 * @param count       element count; 1 for a scalar
 * @param countAsTime whether the array holds consecutive time samples (the 360 Hz {@code _ST} channels)
 * @param name        the variable name, e.g. {@code Speed}
 * @param description the SDK's description
 * @param unit        the unit text, e.g. {@code m/s}, {@code %}, or an enum name such as {@code irsdk_TrkLoc}
 */
public record VarHeader(VarType type, int offset, int count, boolean countAsTime, String name, String description,
                        String unit) {

    /** @return bytes the variable takes in a row */
    public int size() {
        return type.bytes() * count;
    }

    /** @return whether the variable is an array */
    public boolean isArray() {
        return count > 1;
    }

    /**
     * @param index element index, 0..count-1
     * @return the element's byte offset from the start of a row
     */
    public int elementOffset(int index) {
        return offset + index * type.bytes();
    }
}
