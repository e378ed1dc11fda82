package io.slipstream.iracing.layout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Decodes chosen elements of a row into a {@code double[]}, with offsets and types resolved once, so that a row
 * costs one absolute read per value and no allocation. The same decoder serves a live copy and an .ibt row.
 */
public final class RowDecoder {

    /** One element to decode: a variable and the array index within it (0 for a scalar). */
    public record Element(VarHeader var, int index) {
    }

    private final int[] offsets;
    private final VarType[] types;

    /**
     * @param elements what to decode, in output order
     */
    public RowDecoder(List<Element> elements) {
        offsets = new int[elements.size()];
        types = new VarType[elements.size()];
        for (int i = 0; i < offsets.length; i++) {
            Element e = elements.get(i);
            if (e.index() < 0 || e.index() >= e.var().count()) {
                throw new IllegalArgumentException(e.var().name() + " has no element " + e.index());
            }
            offsets[i] = e.var().elementOffset(e.index());
            types[i] = e.var().type();
        }
    }

    /** @return how many values one row gives */
    public int width() {
        return offsets.length;
    }

    /**
     * @param buf      the bytes holding the row (any byte order; read as little-endian)
     * @param rowStart absolute offset of the row
     * @param out      receives {@link #width()} values
     */
    public void decode(ByteBuffer buf, int rowStart, double[] out) {
        ByteBuffer le = buf.order() == ByteOrder.LITTLE_ENDIAN ? buf : buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < offsets.length; i++) {
            out[i] = Values.read(le, rowStart + offsets[i], types[i]);
        }
    }
}
