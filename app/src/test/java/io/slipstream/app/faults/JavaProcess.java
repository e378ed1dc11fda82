package io.slipstream.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code slipstream} command in a JVM of its own (this test run's class path), its stdout and stderr going to a
 * file that can be read while it runs, and real signals sent to it with {@code kill}.
 */
public final class JavaProcess implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param log  where its output goes
     * @param args the command line after {@code slipstream}
     * @return the started process
     */
    public static JavaProcess start(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.slipstream.app.Main"));
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            return new JavaProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * A signal sent to a process that ignores it does nothing: a JVM started with SIGINT ignored (a background job
     * of a shell without job control) inherits that, and so would the command under test.
     *
     * @return whether this JVM, and so a process it starts, takes SIGINT
     */
    public static boolean sigintIsDelivered() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) == 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** @return its output so far */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls its output until the pattern is found (the pause between polls is a bounded wait for the process's
     * end, so an early exit is seen at once).
     *
     * @param pattern what to find
     * @param within  the bound
     * @return the match
     */
    public Matcher awaitOutput(Pattern pattern, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m;
            }
            if (!process.isAlive()) {
                throw new AssertionError("it ended (exit " + process.exitValue() + ") before printing " + pattern + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + pattern + " within " + within + ":\n" + output());
            }
            waitForEnd(POLL_MILLIS);
        }
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    public void interrupt() {
        signal("INT");
    }

    /** @param name the signal, e.g. {@code INT} or {@code KILL} */
    public void signal(String name) {
        try {
            int code = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
            if (code != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed with " + code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * @param within how long it may take
     * @return its exit code
     */
    public int awaitExit(Duration within) {
        if (!waitForEnd(within.toMillis())) {
            throw new AssertionError("still running after " + within + ":\n" + output());
        }
        return process.exitValue();
    }

    private boolean waitForEnd(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Kills it if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitForEnd(10_000);
        }
    }
}
