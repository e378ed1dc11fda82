package io.slipstream.iracing.live;

import java.time.Duration;

/** The sim's "a new row is ready" event ({@code Local\IRSDKDataValidEvent}), or a stand-in for it. */
public interface DataValidSignal extends AutoCloseable {

    /**
     * Waits for the sim to signal a new row. Pulses can be missed, so callers check tick counts whatever this
     * returns.
     *
     * @param timeout the longest wait
     * @return true when signalled, false on timeout
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean await(Duration timeout) throws InterruptedException;

    /** Releases the handle. */
    @Override
    void close();
}
