package io.slipstream.app;

import io.slipstream.app.cli.AppEnvironment;
import io.slipstream.app.cli.SlipstreamCommand;

/**
 * Entry point of the {@code slipstream} command: {@code run}, {@code serve}, {@code replay}, {@code sources},
 * {@code validate} and {@code inspect}. Exit codes: 0 clean, 1 runtime failure, 2 usage or config error.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        int code = SlipstreamCommand.commandLine(AppEnvironment.system()).execute(args);
        System.exit(code);
    }
}
