package io.slipstream.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the one warning the embedded Kafka broker prints on every clean stop ("Attempting to close NetworkClient that
 * has already been closed", from its controller channel): users read it as a fault at the end of every run. The
 * Kafka client's other warnings, a broker it cannot reach among them, stay visible.
 */
public final class ShutdownNoiseFilter extends TurboFilter {

    static final String LOGGER = "org.apache.kafka.clients.NetworkClient";
    static final String MESSAGE = "Attempting to close NetworkClient that has already been closed";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.WARN && format != null && LOGGER.equals(logger.getName()) && format.contains(MESSAGE)) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
