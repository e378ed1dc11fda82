package io.slipstream.iracing.live;

import java.util.Optional;

/** Opens the sim's telemetry map and event when the sim is running. */
@FunctionalInterface
public interface SimConnector {

    /**
     * @return the link, or empty when the sim is not running (not an error: the caller polls again)
     */
    Optional<SimLink> open();
}
