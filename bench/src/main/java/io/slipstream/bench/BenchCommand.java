package io.slipstream.bench;

import io.slipstream.pipeline.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipstream bench}: measures how many samples a second this machine streams through the whole path into
 * Kafka, with what latency and at what cost. Exit code 0 when nothing was lost, 1 when anything was (or the run
 * failed), 2 for bad options.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Stream synthetic channels through the full path (pipeline, sink, Stream API over a real socket, Kafka),",
        "read everything back from Kafka and report samples/s, packets/s, latency read -> Kafka (p50/p99/max),",
        "drops, GC time, peak heap and RSS. Exits 1 if anything was lost.",
        "Default: the heavy case, 1,000 channels at 1 kHz for 30 s in real time into the embedded stack."})
public final class BenchCommand implements Callable<Integer> {

    /** Exit code: nothing lost. */
    public static final int OK = 0;
    /** Exit code: something was lost, or the run failed. */
    public static final int LOSS = 1;
    /** Exit code: bad options; nothing was run. */
    public static final int USAGE = 2;

    /** Channels of a typical iRacing car's telemetry, the soak's default load. */
    static final int IRACING_CHANNELS = 120;
    /** iRacing's telemetry rate in Hz. */
    static final double IRACING_RATE_HZ = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--channels", paramLabel = "N", defaultValue = "1000",
            description = "Synthetic channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "1000",
            description = "Rate of every channel in Hz, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "30s",
            description = "Sample time to stream, e.g. 20s; runs shorter than ~20 s under-read Kafka (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--target", paramLabel = "embedded|HOST:PORT", defaultValue = "embedded",
            description = "Stream API to write to; embedded starts Kafka, Stream API and Key Generator in this JVM (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--key-generator", paramLabel = "HOST:PORT",
            description = "Key Generator of an external target (default: the target's host, port 15379).")
    String keyGenerator;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers behind an external target, read back to count what landed.")
    String kafka;

    @Option(names = "--pacing", paramLabel = "realtime|fast", defaultValue = "realtime",
            description = "realtime: a live source, latency measured; fast: as fast as the path takes, no latency (default: ${DEFAULT-VALUE}).")
    String pacing;

    @Option(names = "--block-span", paramLabel = "D", defaultValue = "100ms",
            description = "Most sample time per data packet (default: ${DEFAULT-VALUE}).")
    String blockSpan;

    @Option(names = "--buffer", paramLabel = "SAMPLES", defaultValue = "1048576",
            description = "Overflow buffer between source and pipeline in real time; when full, samples are dropped and counted (default: ${DEFAULT-VALUE}).")
    int buffer;

    @Option(names = "--drain-timeout", paramLabel = "D", defaultValue = "60s",
            description = "How long to wait after the session for the last packets to be read back (default: ${DEFAULT-VALUE}).")
    String drainTimeout;

    @Option(names = "--warmup", paramLabel = "D", defaultValue = "5s",
            description = "Sample time of an unmeasured first session (JIT, topics, server start-up); 0s for none (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--soak", paramLabel = "D",
            description = "Instead: one live session this long (default load iRacing's, 120 channels at 60 Hz) with the Stream API"
                    + " restarted every --restart-every; reports heap after GC, threads and open files over time, and what was lost.")
    String soak;

    @Option(names = "--restart-every", paramLabel = "D", defaultValue = "2m",
            description = "With --soak: how often the Stream API is stopped and started again (default: ${DEFAULT-VALUE}).")
    String restartEvery;

    @Option(names = "--sessions", paramLabel = "N",
            description = "Instead: N live sessions at once (default load iRacing's, 120 channels at 60 Hz, each with its own"
                    + " source and sink, as N bridges) into one Stream API; reports each session's loss, duplicates and"
                    + " rule check, the added latency p50/p99 and the server's CPU.")
    Integer sessions;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "With --sessions and --target: process id of that slipstream serve, to report its CPU time"
                    + " (default: the CPU of this JVM, which holds the embedded stack).")
    Long serverPid;

    @Option(names = "--live",
            description = "Instead: a live run (real time, overflow drop-oldest, every other setting the default) in a bridge JVM"
                    + " of its own at --heap, its Stream API frozen for --stall, then down for --outage, then back; reports"
                    + " peak heap after GC and drops, and checks received - dropped = what landed on Kafka, and the session rules.")
    boolean live;

    @Option(names = "--steady", paramLabel = "D", defaultValue = "10s",
            description = "With --live: streaming before the stall and again after the outage (default: ${DEFAULT-VALUE}).")
    String steady;

    @Option(names = "--stall", paramLabel = "D", defaultValue = "20s",
            description = "With --live: how long the Stream API is frozen (default: ${DEFAULT-VALUE}).")
    String stall;

    @Option(names = "--outage", paramLabel = "D", defaultValue = "60s",
            description = "With --live: how long the Stream API is then down, connections refused (default: ${DEFAULT-VALUE}).")
    String outage;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "384m",
            description = "With --live: the bridge JVM's -Xmx (default: ${DEFAULT-VALUE}).")
    String heap;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (soak != null) {
            return soak(out, err);
        }
        if (sessions != null) {
            return sessions(out, err);
        }
        if (live) {
            return live(out, err);
        }
        BenchOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Nothing was run; see 'bench --help'.");
            err.flush();
            return USAGE;
        }
        out.println("Benchmarking " + options.channels() + " channels x " + options.rateHz() + " Hz for "
                + duration + " (" + options.pacing().word() + " pacing) into "
                + (options.embedded() ? "the embedded stack" : options.target()) + " ...");
        out.flush();
        BenchResult result;
        try {
            result = FullPathBench.run(options);
        } catch (RuntimeException e) {
            err.println("The benchmark failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return LOSS;
        }
        out.print(result.table());
        out.flush();
        return exitCode(result);
    }

    private int soak(PrintWriter out, PrintWriter err) {
        BenchOptions options;
        Duration length;
        Duration every;
        try {
            options = soakOptions();
            length = duration("--soak", soak);
            every = duration("--restart-every", restartEvery);
            if (every.isZero() || every.isNegative() || every.compareTo(length) >= 0) {
                throw new IllegalArgumentException("--restart-every: " + restartEvery + " must be positive and shorter than --soak " + soak);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Nothing was run; see 'bench --help'.");
            err.flush();
            return USAGE;
        }
        out.println("Soaking " + options.channels() + " channels x " + options.rateHz() + " Hz for " + soak
                + ", the Stream API restarted every " + restartEvery + " ...");
        out.println("      at  restarts  heap after GC  threads  open files");
        out.flush();
        SoakResult result;
        try {
            result = SoakBench.run(options, length, every, out);
        } catch (RuntimeException e) {
            err.println("The soak failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return LOSS;
        }
        out.print(result.table());
        out.flush();
        return result.anythingLost() ? LOSS : OK;
    }

    private int live(PrintWriter out, PrintWriter err) {
        LiveScenario scenario;
        try {
            if (!"embedded".equals(target)) {
                throw new IllegalArgumentException("--live freezes and stops a Stream API of its own; it takes no --target (got " + target + ")");
            }
            scenario = new LiveScenario(channels, rate, duration("--steady", steady), duration("--stall", stall),
                    duration("--outage", outage), heap, duration("--drain-timeout", drainTimeout),
                    LiveBounds.defaults());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Nothing was run; see 'bench --help'.");
            err.flush();
            return USAGE;
        }
        out.println("Live run: " + channels + " channels x " + rate + " Hz, bridge at -Xmx" + heap + ", Stream API frozen "
                + stall + " then down " + outage + " ...");
        out.flush();
        LiveFaultResult result;
        try {
            result = LiveFaultBench.run(scenario, out);
        } catch (RuntimeException e) {
            err.println("The live run failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return LOSS;
        }
        out.print(result.table());
        out.flush();
        return result.passed() ? OK : LOSS;
    }

    private int sessions(PrintWriter out, PrintWriter err) {
        BenchOptions options;
        ServerCpu serverCpu;
        try {
            options = iracingLoadUnlessGiven(options());
            if (sessions < 1 || sessions > ManySessionsBench.MAX_SESSIONS) {
                throw new IllegalArgumentException("--sessions: expected 1 to " + ManySessionsBench.MAX_SESSIONS
                        + ", got " + sessions);
            }
            if (serverPid != null && options.embedded()) {
                throw new IllegalArgumentException("--server-pid: the embedded stack runs in this JVM; give it only with --target");
            }
            serverCpu = serverPid == null ? ServerCpu.thisJvm() : ServerCpu.process(serverPid);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Nothing was run; see 'bench --help'.");
            err.flush();
            return USAGE;
        }
        out.println("Benchmarking " + sessions + " concurrent sessions of " + options.channels() + " channels x "
                + options.rateHz() + " Hz for " + duration + " into "
                + (options.embedded() ? "the embedded stack" : options.target()) + " ...");
        out.flush();
        ManySessionsResult result;
        try {
            result = ManySessionsBench.run(options, sessions, serverCpu);
        } catch (RuntimeException e) {
            err.println("The benchmark failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return LOSS;
        }
        out.print(result.table());
        out.flush();
        return result.anythingLost() ? LOSS : OK;
    }

    /** @return the options of a soak: iRacing's load (120 channels at 60 Hz) unless --channels or --rate say otherwise */
    BenchOptions soakOptions() {
        if (!"embedded".equals(target)) {
            throw new IllegalArgumentException("--soak restarts a Stream API of its own; it takes no --target (got " + target + ")");
        }
        return iracingLoadUnlessGiven(options());
    }

    /** @return the options with iRacing's load (120 channels at 60 Hz) unless --channels or --rate say otherwise */
    private BenchOptions iracingLoadUnlessGiven(BenchOptions options) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given == null || !given.hasMatchedOption("--channels")) {
            options = options.withChannels(IRACING_CHANNELS);
        }
        if (given == null || !given.hasMatchedOption("--rate")) {
            options = options.withRateHz(IRACING_RATE_HZ);
        }
        return options;
    }

    /**
     * @return the options as typed, checked
     * @throws IllegalArgumentException naming the option that is wrong and what it expects
     */
    BenchOptions options() {
        Pacing p = switch (pacing.toLowerCase(Locale.ROOT)) {
            case "realtime" -> Pacing.REALTIME;
            case "fast" -> Pacing.FAST;
            default -> throw new IllegalArgumentException("--pacing: expected realtime or fast, got '" + pacing + "'");
        };
        return new BenchOptions(channels, rate, duration("--duration", duration), target, keyGenerator, kafka, p,
                duration("--block-span", blockSpan), buffer, duration("--drain-timeout", drainTimeout),
                duration("--warmup", warmup));
    }

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param result a run's figures
     * @return {@link #LOSS} when anything was lost, else {@link #OK}
     */
    public static int exitCode(BenchResult result) {
        return result.anythingLost() ? LOSS : OK;
    }

    /**
     * Parses and runs the command on its own (not as a {@code slipstream} subcommand).
     *
     * @param args the options
     * @return the exit code
     */
    public static int execute(String... args) {
        return new CommandLine(new BenchCommand()).execute(args);
    }
}
