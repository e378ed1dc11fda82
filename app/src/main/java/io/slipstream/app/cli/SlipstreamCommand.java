package io.slipstream.app.cli;

import io.slipstream.app.logging.ConsoleLog;
import io.slipstream.bench.BenchCommand;
import io.slipstream.spi.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code slipstream} command and its subcommands. */
@Command(name = "slipstream", mixinStandardHelpOptions = true, version = "slipstream 0.1.0-SNAPSHOT",
        description = "Streams engineering telemetry into the ATLAS Open Streaming Architecture.",
        subcommands = {RunCommand.class, ServeCommand.class, ReplayCommand.class, SourcesCommand.class,
                ValidateCommand.class, InspectCommand.class, ViewCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.FAILURE)
public final class SlipstreamCommand implements Runnable {

    private final AppEnvironment environment;

    @Spec
    CommandSpec spec;

    /** @param environment what the command takes from its process */
    public SlipstreamCommand(AppEnvironment environment) {
        this.environment = environment;
    }

    /** @param quiet {@code --quiet}: only the summary and errors */
    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only the end summary and errors: no start-up text, no live status, no log below ERROR.")
    void quiet(boolean quiet) {
        ConsoleLog.quiet(quiet);
    }

    /** @param format {@code --log-format}: plain or json */
    @Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = {"plain: status as a log line every 5 s, even on a terminal;",
                    "json: one JSON object per line (status, log, summary) for log shippers.",
                    "Default: a live status line on a terminal, plain otherwise."})
    void logFormat(String format) {
        if (format != null && !format.equals("plain") && !format.equals("json")) {
            throw new ParameterException(spec.commandLine(), "--log-format must be plain or json, got '" + format + "'");
        }
        ConsoleLog.format(format);
    }

    /** @return the process environment */
    AppEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * @param environment what the command takes from its process
     * @return the command line, ready to {@code execute(args)}; exit codes as {@link ExitCodes}
     */
    public static CommandLine commandLine(AppEnvironment environment) {
        ConsoleLog.configure(null, false); // the defaults, until the command line says otherwise
        CommandLine cl = new CommandLine(new SlipstreamCommand(environment));
        cl.setExecutionExceptionHandler(SlipstreamCommand::handle);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof ConfigException) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println("error: " + message);
        Throwable cause = e.getCause();
        while (cause != null && cause != cause.getCause()) {
            if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                err.println("  caused by: " + cause.getMessage());
            }
            cause = cause.getCause();
        }
        err.flush();
        return ExitCodes.FAILURE;
    }
}
