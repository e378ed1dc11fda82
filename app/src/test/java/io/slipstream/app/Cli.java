package io.slipstream.app;

import io.slipstream.app.cli.AppEnvironment;
import io.slipstream.app.cli.SlipstreamCommand;
import io.slipstream.app.cli.StopRequests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
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
        return start(env, args).await(Duration.ofMinutes(3));
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /**
     * Starts the command on a thread of its own, for commands that run until stopped ({@code serve},
     * {@code inspect --follow}, a {@code run} whose metrics are read while it goes).
     *
     * @param args the command line
     * @return the running command
     */
    static Background start(String... args) {
        return start(Map.of(), args);
    }

    private static Background start(Map<String, String> env, String... args) {
        StopRequests stops = new StopRequests();
        CommandLine cl = SlipstreamCommand.commandLine(new AppEnvironment(env::get, false, false, stops));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                code.complete(cl.execute(args));
            } catch (Throwable t) {
                code.completeExceptionally(t);
            }
        }, args.length == 0 ? "cli" : "cli-" + args[0]);
        thread.setDaemon(true);
        thread.start();
        return new Background(out, err, stops, code);
    }

    /** A command running on its own thread; its output can be read while it runs. */
    static final class Background {

        private static final long POLL_MILLIS = 50;

        private final StringWriter out;
        private final StringWriter err;
        private final StopRequests stops;
        private final CompletableFuture<Integer> code;

        private Background(StringWriter out, StringWriter err, StopRequests stops, CompletableFuture<Integer> code) {
            this.out = out;
            this.err = err;
            this.stops = stops;
            this.code = code;
        }

        /** @return what it printed on stdout so far (StringWriter is synchronised) */
        String out() {
            return out.toString();
        }

        /**
         * Polls a condition until it holds, the command ends or the time is up (the pause between polls is a
         * bounded wait for the command's end, so an early exit is seen at once).
         *
         * @param what      what is awaited, for the failure message
         * @param within    the bound
         * @param condition the condition
         */
        void awaitUntil(String what, Duration within, BooleanSupplier condition) {
            long deadline = System.nanoTime() + within.toNanos();
            while (!condition.getAsBoolean()) {
                if (code.isDone()) {
                    throw new AssertionError("the command ended before " + what + ":\n" + await(Duration.ZERO));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no " + what + " within " + within + ":\n" + snapshot("still running"));
                }
                try {
                    code.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // not ended yet, or ended badly: the next round says which
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what, e);
                }
            }
        }

        /**
         * @param what   what is awaited
         * @param within the bound
         * @param text   text that must appear on stdout
         */
        void awaitOut(String what, Duration within, String text) {
            awaitUntil(what, within, () -> out().contains(text));
        }

        /** Asks the command to stop, as Ctrl-C does. */
        void requestStop() {
            stops.request();
        }

        /**
         * @param within how long it may still take to end
         * @return its result
         */
        Result await(Duration within) {
            try {
                int exit = code.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
                return new Result(exit, out.toString(), err.toString());
            } catch (TimeoutException e) {
                stops.request();
                throw new AssertionError("the command did not end within " + within + " (asked it to stop):\n"
                        + snapshot("still running"));
            } catch (ExecutionException e) {
                throw new AssertionError("the command threw:\n" + snapshot("threw"), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        private String snapshot(String state) {
            return state + "\n--- out:\n" + out + "\n--- err:\n" + err;
        }
    }
}
