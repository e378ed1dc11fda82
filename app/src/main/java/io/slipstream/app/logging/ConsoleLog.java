package io.slipstream.app.logging;

import io.slipstream.app.status.LiveConsole;

/**
 * Where the command's log lines go now and in what form: set once the command line is parsed ({@code --quiet},
 * {@code --log-format}) and while a live status is drawn. Static because the log is: logback builds its appender
 * from {@code logback.xml}, before any command exists.
 */
public final class ConsoleLog {

    private static volatile String format;
    private static volatile boolean quiet;
    private static volatile LiveConsole live;

    private ConsoleLog() {
    }

    /**
     * @param logFormat {@code plain}, {@code json}, or null when not asked for (a terminal then gets the live line)
     * @param errorsOnly whether only errors are logged ({@code --quiet})
     */
    public static void configure(String logFormat, boolean errorsOnly) {
        format = logFormat;
        quiet = errorsOnly;
    }

    /** @param errorsOnly whether only errors are logged ({@code --quiet}) */
    public static void quiet(boolean errorsOnly) {
        quiet = errorsOnly;
    }

    /** @param logFormat {@code plain}, {@code json}, or null when not asked for */
    public static void format(String logFormat) {
        format = logFormat;
    }

    /** @return {@code --log-format}, or null when not given */
    public static String format() {
        return format;
    }

    /** @return whether {@code --quiet} was given */
    public static boolean isQuiet() {
        return quiet;
    }

    /** @param console the live status that log lines must scroll above, or null when none is drawn */
    public static void live(LiveConsole console) {
        live = console;
    }

    static boolean json() {
        return "json".equals(format);
    }

    static boolean quiet() {
        return quiet;
    }

    static LiveConsole live() {
        return live;
    }
}
