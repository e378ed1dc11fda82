package io.slipstream.iracing.live;

import io.slipstream.spi.SourceProgress;
import java.util.function.LongSupplier;

/**
 * Where the live source stands with the sim, and since when: what the status line shows in place of a replay's
 * progress. Written by the reading thread, read by the status printer.
 */
public final class LiveState {

    /** iRacing is not running. */
    public static final String WAITING_FOR_SIM = "waiting for iRacing";
    /** iRacing runs but is in no session (menus, loading). */
    public static final String WAITING_FOR_SESSION = "iRacing running, waiting for a session";
    /** Rows are being read. */
    public static final String CONNECTED = "connected to iRacing";

    private final LongSupplier clock;
    private volatile Entered entered;

    private record Entered(String state, long atNanos) {
    }

    /** @param clock nanoseconds, the source's clock; the state starts as {@link #WAITING_FOR_SIM} now */
    public LiveState(LongSupplier clock) {
        this.clock = clock;
        this.entered = new Entered(WAITING_FOR_SIM, clock.getAsLong());
    }

    /** @param state the state now; its clock restarts only when it differs from the last one */
    public void enter(String state) {
        if (!entered.state().equals(state)) {
            entered = new Entered(state, clock.getAsLong());
        }
    }

    /** @return the state and how long it has held, as the source's progress */
    public SourceProgress snapshot() {
        Entered e = entered;
        return SourceProgress.live(e.state(), Math.max(0, clock.getAsLong() - e.atNanos()));
    }
}
