package io.slipstream.app.cli;

import io.slipstream.app.status.TerminalSupport;
import java.util.function.Function;

/**
 * What the command takes from the process it runs in, so that tests can run it in-process.
 *
 * @param env              looks environment variables up (for {@code ${ENV}} in configs)
 * @param terminal         whether standard output is a terminal (live status lines) or not (log lines)
 * @param shutdownHooks    whether Ctrl-C handling is installed (off in tests)
 * @param stops            stop requests from inside the process, handled as Ctrl-C is
 */
public record AppEnvironment(Function<String, String> env, boolean terminal, boolean shutdownHooks, StopRequests stops) {

    /**
     * An environment whose stop requests nobody makes.
     *
     * @param env           looks environment variables up
     * @param terminal      whether standard output is a terminal
     * @param shutdownHooks whether Ctrl-C handling is installed
     */
    public AppEnvironment(Function<String, String> env, boolean terminal, boolean shutdownHooks) {
        this(env, terminal, shutdownHooks, new StopRequests());
    }

    /** @return the real process: its environment, its console, Ctrl-C handling on */
    public static AppEnvironment system() {
        return new AppEnvironment(System::getenv, TerminalSupport.isTerminal(), true);
    }
}
