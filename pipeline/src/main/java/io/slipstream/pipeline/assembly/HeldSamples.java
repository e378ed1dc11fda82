package io.slipstream.pipeline.assembly;

import io.slipstream.spi.SampleValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples held while their channels' timing is judged, with what linger needs: when the first arrived (wall clock)
 * and whether any arrived since the previous linger check.
 */
final class HeldSamples {

    private final List<SampleValue> samples = new ArrayList<>();
    private long openedWall;
    private int writesSinceTick;

    /**
     * @param sample    a sample to hold
     * @param wallNanos the wall clock now
     */
    void add(SampleValue sample, long wallNanos) {
        if (samples.isEmpty()) {
            openedWall = wallNanos;
        }
        samples.add(sample);
        writesSinceTick++;
    }

    /** @return the held samples in arrival order, for reading and removing */
    List<SampleValue> list() {
        return samples;
    }

    /**
     * @param wallNow     the wall clock now
     * @param lingerNanos the linger time
     * @return true when samples have been held for the linger time, so must not be held longer
     */
    boolean overdue(long wallNow, long lingerNanos) {
        return !samples.isEmpty() && wallNow - openedWall >= lingerNanos;
    }

    /** @return whether no sample arrived since the previous linger check; resets the count */
    boolean idleSinceTick() {
        boolean idle = writesSinceTick == 0;
        writesSinceTick = 0;
        return idle;
    }

    /** @return the wall-clock time the first held sample arrived */
    long openedWall() {
        return openedWall;
    }
}
