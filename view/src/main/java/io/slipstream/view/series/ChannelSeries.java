package io.slipstream.view.series;

import java.util.ArrayList;
import java.util.List;

/** The blocks of one channel of one session, appended as packets are read; safe to read while it grows. */
public final class ChannelSeries {

    private final List<Block> blocks = new ArrayList<>();
    private long samples;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    /** @param block the next block read */
    public synchronized void add(Block block) {
        if (block.size() == 0) {
            return;
        }
        blocks.add(block);
        samples += block.size();
        first = Math.min(first, block.start());
        last = Math.max(last, block.end());
    }

    /** @return the blocks so far (a copy of the list; blocks themselves never change) */
    public synchronized List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** @return how many samples so far */
    public synchronized long samples() {
        return samples;
    }

    /** @return the first sample time, ns, or {@code Long.MAX_VALUE} when empty */
    public synchronized long first() {
        return first;
    }

    /** @return the last sample time, ns, or {@code Long.MIN_VALUE} when empty */
    public synchronized long last() {
        return last;
    }
}
