package io.slipstream.app.cli;

/** The command's exit codes. */
public final class ExitCodes {

    /** Everything ended cleanly. */
    public static final int OK = 0;
    /** Something failed while running; the reason is printed. */
    public static final int FAILURE = 1;
    /** The command line or the config is wrong; nothing was run. */
    public static final int USAGE = 2;
    /** Stopped by a second Ctrl-C before the sessions ended: 128 + SIGINT, as a shell reports it. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
