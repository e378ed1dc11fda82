package io.slipstream.app.logging;

import io.slipstream.app.status.LiveConsole;
import java.util.function.UnaryOperator;

/**
 * Where the command's log lines go now and in what form: set once the command line is parsed ({@code --quiet},
 * {@code --log-format}) and while a live status is drawn. Static because the log is: logback builds its appender
 * from {@code logback.xml}, before any command exists.
 */
public final class ConsoleLog {

    private static volatile String format;
    private static volatile boolean quiet;
    private static volatile LiveConsole live;
    private static volatile UnaryOperator<String> hide = UnaryOperator.identity();

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

    /**
     * @param hider rewrites a log line so that no value substituted from the environment appears in it (the
     *              config's {@code EnvValues::hide}); set once a config is loaded
     */
    public static void hide(UnaryOperator<String> hider) {
        hide = hider == null ? UnaryOperator.identity() : hider;
    }

    /** @param text a line about to be written @return it with every substituted environment value hidden */
    static String hidden(String text) {
        return hide.apply(text);
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
