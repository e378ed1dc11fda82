package io.slipstream.pipeline.assembly;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The linger clock of one open block or row batch: when it was opened (wall clock), whether samples arrived since
 * the last tick, and so whether, at a tick, it has waited long enough to be sent and whether its source went idle
 * meanwhile (then its last row is complete). {@link GroupAssembler} and {@link RowAssembler} each hold one.
 */
final class Linger {

    /** What a tick finds. */
    enum Due {
        /** not open long enough yet */
        NOT_YET,
        /** due, and nothing arrived since the previous tick: the last row is complete */
        IDLE,
        /** due while samples still arrive: the last row may be incomplete */
        BUSY
    }

    private final long lingerNanos;
    private final LongSupplier wallClock;
    private long openedWall;
    private int writesSinceTick;

    /**
     * @param linger    how long an open block or batch may wait
     * @param wallClock the clock linger is measured with, ns
     */
    Linger(Duration linger, LongSupplier wallClock) {
        this.lingerNanos = linger.toNanos();
        this.wallClock = wallClock;
    }

    /** A new block or batch opens now, with nothing written to it yet. */
    void open() {
        openedWall = wallClock.getAsLong();
        writesSinceTick = 0;
    }

    /** The open block or batch goes on as a new one now (a row carried over): the clock restarts, writes count on. */
    void restart() {
        openedWall = wallClock.getAsLong();
    }

    /** A sample was written. */
    void wrote() {
        writesSinceTick++;
    }

    /** @param wallNanos when the data first arrived, if before the opening (held elsewhere before it) */
    void openedSince(long wallNanos) {
        openedWall = Math.min(openedWall, wallNanos);
    }

    /**
     * @param wallNow the wall-clock time now
     * @return whether the open block or batch is due, and whether its source was idle since the previous tick
     */
    Due tick(long wallNow) {
        boolean idle = writesSinceTick == 0;
        writesSinceTick = 0;
        if (wallNow - openedWall < lingerNanos) {
            return Due.NOT_YET;
        }
        return idle ? Due.IDLE : Due.BUSY;
    }
}
