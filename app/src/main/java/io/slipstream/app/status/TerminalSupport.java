package io.slipstream.app.status;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Whether standard output is a terminal, and how wide it is now, from JLine: it knows the ways each system says
 * so (isatty, the console API on Windows, the size ioctl), which {@code System.console()} does not (that is null
 * when only standard input is redirected, and has no width at all).
 */
public final class TerminalSupport {

    /** Columns assumed when a terminal reports none (some CI pseudo-terminals report 0). */
    static final int DEFAULT_WIDTH = 80;

    private static volatile Terminal terminal;
    private static volatile boolean probed;

    private TerminalSupport() {
    }

    /** @return whether standard output is an interactive terminal */
    public static boolean isTerminal() {
        Terminal t = system();
        return t != null && !Terminal.TYPE_DUMB.equals(t.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(t.getType());
    }

    /** @return the terminal's columns now, or {@value #DEFAULT_WIDTH} when it does not say */
    public static int width() {
        Terminal t = system();
        int w = t == null ? 0 : t.getWidth();
        return w > 0 ? w : DEFAULT_WIDTH;
    }

    private static synchronized Terminal system() {
        if (!probed) {
            probed = true;
            try {
                // Standard output only: JLine's default falls back to standard error, which would draw escape
                // codes into a file that stdout was redirected to. No signal handling of its own: Ctrl-C stays with
                // GracefulShutdown (JLine's default handler resets SIGINT to the system's, which skips the hooks).
                terminal = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysOut)
                        .dumb(true).nativeSignals(false).build();
            } catch (IOException | RuntimeException e) {
                terminal = null;
            }
        }
        return terminal;
    }
}
