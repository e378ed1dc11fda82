package io.slipstream.app.cli;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Asks the running command to stop as Ctrl-C does (end every session cleanly, print the summary), from inside
 * the process: a test, or a program that embeds the command. A request is remembered, so that work registered
 * after it stops at once.
 */
public final class StopRequests {

    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private volatile boolean requested;

    /** Asks every registered piece of work, and any registered later, to stop. */
    public void request() {
        requested = true;
        listeners.forEach(Runnable::run);
    }

    /** @return whether a stop was requested */
    public boolean requested() {
        return requested;
    }

    /**
     * @param onStop what to do when a stop is requested; run at once when one already was
     * @return undoes the registration
     */
    Runnable register(Runnable onStop) {
        listeners.add(onStop);
        if (requested) {
            onStop.run();
        }
        return () -> listeners.remove(onStop);
    }
}
