package io.slipstream.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The command's log lines on standard error never show a value substituted from the environment. */
class ConsoleLogAppenderTest {

    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() {
        System.setErr(stderr);
        ConsoleLog.hide(null);
        ConsoleLog.configure(null, false);
    }

    private static String logged(String message) {
        LoggerContext context = new LoggerContext();
        ConsoleLogAppender appender = new ConsoleLogAppender();
        appender.setContext(context);
        appender.setPattern("%-5level %msg%n");
        appender.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        Logger logger = context.getLogger("run");
        appender.doAppend(new LoggingEvent(Logger.class.getName(), logger, Level.ERROR, message, null, null));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSubstitutedValueIsLoggedAsItsVariable() {
        ConsoleLog.hide(text -> text.replace("streams.secret-team.example:13579", "${STREAM_API}"));
        assertEquals("ERROR Pipeline 'car' failed: UNAVAILABLE: cannot reach ${STREAM_API}\n",
                logged("Pipeline 'car' failed: UNAVAILABLE: cannot reach streams.secret-team.example:13579"));
    }

    @Test
    void asJsonToo() {
        ConsoleLog.configure("json", false);
        ConsoleLog.hide(text -> text.replace("s3cr3t", "${TOKEN}"));
        String line = logged("token s3cr3t refused");
        assertTrue(line.contains("\"message\":\"token ${TOKEN} refused\""), line);
    }
}
