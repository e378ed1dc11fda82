package io.slipstream.iracing.markers;

import io.slipstream.iracing.layout.Values;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the {@link Signal}s of one row into a reused array; a signal the layout lacks reads as NaN, so every
 * detector treats every variable as optional.
 */
public final class SignalReader {

    private static final Signal[] SIGNALS = Signal.values();

    private final VarHeader[] vars = new VarHeader[SIGNALS.length];
    private final double[] values = new double[SIGNALS.length];

    /**
     * @param table the layout's variables
     */
    public SignalReader(VarTable table) {
        for (Signal s : SIGNALS) {
            vars[s.ordinal()] = table.get(s.varName());
        }
    }

    /**
     * @param buf      bytes holding the row
     * @param rowStart absolute offset of the row
     * @return this, holding the row's values
     */
    public SignalReader read(ByteBuffer buf, int rowStart) {
        ByteBuffer le = buf.order() == ByteOrder.LITTLE_ENDIAN ? buf : buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < vars.length; i++) {
            VarHeader v = vars[i];
            values[i] = v == null ? Double.NaN : Values.read(le, rowStart + v.offset(), v.type());
        }
        return this;
    }

    /**
     * @param s a signal
     * @return its value in the last row read, NaN when the layout lacks it
     */
    public double get(Signal s) {
        return values[s.ordinal()];
    }

    /**
     * @param s a signal
     * @return whether the layout has it
     */
    public boolean has(Signal s) {
        return vars[s.ordinal()] != null;
    }
}
