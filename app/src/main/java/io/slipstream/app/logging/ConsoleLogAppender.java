package io.slipstream.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.slipstream.app.json.Json;
import io.slipstream.app.status.LiveConsole;
import io.slipstream.app.status.OutputMode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command's log on standard error, as text or as one JSON object per line ({@code --log-format json}); only
 * errors with {@code --quiet}. While a live status line is drawn on the terminal, a log line goes above it through
 * the {@link LiveConsole} instead, since a line written past it would be overwritten by the next redraw.
 */
public final class ConsoleLogAppender extends AppenderBase<ILoggingEvent> {

    private final PatternLayout layout = new PatternLayout();
    private String pattern = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    /** @param pattern the logback pattern of a text line (from {@code logback.xml}) */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        layout.setContext(getContext());
        layout.setPattern(pattern);
        layout.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (ConsoleLog.quiet() && !event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            return;
        }
        String text = ConsoleLog.hidden(ConsoleLog.json() ? Json.write(json(event)) : strip(layout.doLayout(event)));
        LiveConsole live = ConsoleLog.live();
        if (live != null && live.mode() == OutputMode.TERMINAL) {
            live.message(text);
            return;
        }
        PrintStream err = System.err;
        err.println(text);
        err.flush();
    }

    private static Map<String, Object> json(ILoggingEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "log");
        m.put("time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
        m.put("level", e.getLevel().toString());
        m.put("logger", e.getLoggerName());
        m.put("message", e.getFormattedMessage());
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            m.put("error", t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        return m;
    }

    private static String strip(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return line.substring(0, end);
    }
}
