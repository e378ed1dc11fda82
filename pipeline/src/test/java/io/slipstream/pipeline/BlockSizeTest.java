package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block's size, which bounds the queue to the sink in bytes, is what its arrays hold, not only the samples used:
 * the assembler allocates a whole block and one cut short by a gap or a drop keeps that capacity.
 */
class BlockSizeTest {

    private static RateGroup group(int channels) {
        List<ChannelDefinition> defs = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            defs.add(channel("C" + i + ":Test", 1000));
        }
        return new RateGroup(1, 1_000_000, defs);
    }

    @Test
    void aBlockCutShortCountsTheCapacityItHolds() {
        // 1,000 channels at 1 kHz, 100 ms allocated, 1 sample used: the arrays hold 800,000 bytes.
        Block shortBlock = new Block(group(1000), 0, 1_000_000, 1, new double[1000][100], new byte[1000][]);
        assertTrue(shortBlock.sizeBytes() >= 1000 * 100 * 8L, () -> "counted " + shortBlock.sizeBytes());
    }

    @Test
    void aSliceCountsOnlyItsOwnCopy() {
        Block full = new Block(group(10), 0, 1_000_000, 100, new double[10][100], new byte[10][]);
        Block slice = full.slice(20, 5);
        assertEquals(full.sizeBytes() - 10 * 95 * 8L, slice.sizeBytes());
    }
}
