package io.slipstream.iracing.events;

import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleValue;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Raises an event for each known bit of a 32-bit field that goes from 0 to 1 between two rows, in bit order;
 * bits going off and bits no {@link BitEvent} names raise nothing.
 */
final class BitFieldWatcher implements RowWatcher {

    private final VarHeader var;
    private final List<BitEvent> bits;
    private final List<EventDefinition> definitions;
    private boolean seeded;
    private long last;

    /**
     * @param var  the bit-field variable (its first element is read, as 32 unsigned bits)
     * @param bits the bits that raise events
     */
    BitFieldWatcher(VarHeader var, List<BitEvent> bits) {
        this.var = var;
        this.bits = List.copyOf(bits);
        this.definitions = this.bits.stream().map(BitEvent::definition).toList();
    }

    @Override
    public List<EventDefinition> definitions() {
        return definitions;
    }

    @Override
    public void update(ByteBuffer le, int rowStart, long timeNanos, List<SampleValue> out) {
        long now = Integer.toUnsignedLong(le.getInt(rowStart + var.offset()));
        long rising = seeded ? now & ~last : 0;
        if (rising != 0) {
            for (BitEvent b : bits) {
                if ((rising & b.bit()) != 0) {
                    out.add(b.definition().occurrence(timeNanos));
                }
            }
        }
        last = now;
        seeded = true;
    }

    @Override
    public void reset() {
        seeded = false;
    }
}
