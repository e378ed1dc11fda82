package io.slipstream.app;

import io.slipstream.app.cli.AppEnvironment;
import io.slipstream.app.cli.SlipstreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code slipstream} command in-process, capturing its output and exit code. */
final class Cli {

    /**
     * @param code the exit code
     * @param out  what it printed on stdout
     * @param err  what it printed on stderr
     */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(Map<String, String> env, String... args) {
        CommandLine cl = SlipstreamCommand.commandLine(new AppEnvironment(env::get, false, false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }
}
