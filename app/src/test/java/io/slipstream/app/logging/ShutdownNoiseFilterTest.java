package io.slipstream.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class ShutdownNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ShutdownNoiseFilter filter = new ShutdownNoiseFilter();

    private FilterReply decide(String logger, Level level, String format) {
        Logger l = context.getLogger(logger);
        return filter.decide(null, l, level, format, null, null);
    }

    @Test
    void onlyTheBrokersCloseWarningIsDropped() {
        String prefixed = "[NodeToControllerChannelManager id=1 name=registration] " + ShutdownNoiseFilter.MESSAGE + ".";
        assertEquals(FilterReply.DENY, decide(ShutdownNoiseFilter.LOGGER, Level.WARN, prefixed));
        assertEquals(FilterReply.NEUTRAL, decide(ShutdownNoiseFilter.LOGGER, Level.WARN,
                "[Producer clientId=x] Connection to node -1 (localhost/127.0.0.1:9092) could not be established."),
                "a broker that cannot be reached is still shown");
        assertEquals(FilterReply.NEUTRAL, decide("org.apache.kafka.clients.producer.KafkaProducer", Level.WARN, prefixed));
        assertEquals(FilterReply.NEUTRAL, decide(ShutdownNoiseFilter.LOGGER, Level.ERROR, prefixed));
    }
}
