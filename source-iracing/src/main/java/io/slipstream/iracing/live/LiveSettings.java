package io.slipstream.iracing.live;

import java.time.Duration;

/**
 * How the live reader waits and when it gives up on the sim.
 *
 * @param waitTimeout       the longest wait on the data-valid event before tick counts are checked anyway
 * @param reconnectInterval how often to look for the sim while it is not running
 * @param staleAfter        no new tick for this long counts as the sim gone
 * @param endOnExit         true: end the session when the sim goes; false: wait for it to come back
 */
public record LiveSettings(Duration waitTimeout, Duration reconnectInterval, Duration staleAfter, boolean endOnExit) {

    /** @return 100 ms waits, 1 s reconnect polls, 30 s to stale, end on exit */
    public static LiveSettings defaults() {
        return new LiveSettings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30), true);
    }
}
