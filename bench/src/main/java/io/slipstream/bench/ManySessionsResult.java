package io.slipstream.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run of N concurrent sessions into one Stream API.
 *
 * @param options          what each session ran
 * @param dataSource       the data source every session wrote (its topics were read back and checked)
 * @param sessions         one outcome per session, in start order
 * @param sampleLatency    every sample of every session: read time to its Kafka timestamp
 * @param blockLatency     every block of every session: its newest sample to its Kafka timestamp, what the path
 *                         adds once a block is complete
 * @param resources        what the run cost this JVM
 * @param serverCpuSeconds the server process' CPU time over the run, or -1 when it could not be read
 * @param serverCpuWhat    which process that is
 */
public record ManySessionsResult(BenchOptions options, String dataSource, List<SessionOutcome> sessions,
                                 LatencySummary sampleLatency, LatencySummary blockLatency, ResourceUsage resources,
                                 double serverCpuSeconds, String serverCpuWhat) {

    /**
     * Above this p99 of added latency the server is taken as not keeping up, even with nothing lost: with a live
     * source and a large buffer, falling behind shows as latency that grows over the run, not as loss. A path that
     * keeps up adds tens of milliseconds at 60 Hz; a second means blocks wait behind a backlog.
     */
    public static final Duration KEEP_UP_P99 = Duration.ofSeconds(1);

    /** Copies the list. */
    public ManySessionsResult {
        sessions = List.copyOf(sessions);
    }

    /** @return sessions that lost, dropped or duplicated anything or broke a rule */
    public long failedSessions() {
        return sessions.stream().filter(SessionOutcome::failed).count();
    }

    /** @return whether any session lost, dropped or duplicated anything or broke a rule */
    public boolean anythingLost() {
        return failedSessions() > 0;
    }

    /** @return whether nothing was lost and the added latency's p99 stayed within {@link #KEEP_UP_P99} */
    public boolean keptUp() {
        return !anythingLost() && blockLatency.p99Micros() <= KEEP_UP_P99.toNanos() / 1000;
    }

    /** @return the server's average cores busy over the run, or -1 when its CPU time could not be read */
    public double serverCoresBusy() {
        return serverCpuSeconds < 0 || resources.wallSeconds() <= 0 ? -1 : serverCpuSeconds / resources.wallSeconds();
    }

    /** @return a line per session, then the figures over all of them, for a terminal */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%d sessions x %d channels x %s Hz, %s pacing, %.1f s of samples each,"
                        + " into %s, data source %s%n", sessions.size(), options.channels(), num(options.rateHz()),
                options.pacing().word(), options.duration().toMillis() / 1000.0,
                options.embedded() ? "the embedded stack" : options.target(), dataSource));
        t.append(String.format(Locale.ROOT, "%4s  %-40s %12s %10s %6s %5s %6s  %-19s %-19s%n", "#", "session",
                "on Kafka", "lost", "dupl", "drop", "check", "added p50/p99 ms", "read->Kafka p50/p99"));
        for (int i = 0; i < sessions.size(); i++) {
            SessionOutcome s = sessions.get(i);
            t.append(String.format(Locale.ROOT, "%4d  %-40s %,12d %,10d %6d %5d %6s  %-19s %-19s%n", i + 1,
                    s.sessionKey(), s.readBack().samples(), s.lostSamples(), s.duplicatePackets(), s.droppedTotal(),
                    s.passesCheck() ? "ok" : s.violations().size() + " !", p50p99(s.readBack().blockLatency()),
                    p50p99(s.readBack().sampleLatency())));
            s.violations().stream().limit(3).forEach(v -> t.append("        VIOLATION ").append(v).append('\n'));
            if (!s.readBackComplete()) {
                t.append("        read-back INCOMPLETE within the drain timeout\n");
            }
        }
        long onKafka = sessions.stream().mapToLong(s -> s.readBack().samples()).sum();
        t.append(String.format(Locale.ROOT, "samples on Kafka, all sessions      %,d (offered %,.0f/s)%n", onKafka,
                options.offeredSamplesPerSecond() * sessions.size()));
        t.append("added after block p50/p99/max      ").append(blockLatency.describe())
                .append(" (newest sample of each block, all sessions)\n");
        t.append("latency read -> Kafka p50/p99/max  ").append(sampleLatency.describe()).append(" (every sample)\n");
        t.append(String.format(Locale.ROOT, "worst session's added p99          %.1f ms%n", sessions.stream()
                .mapToLong(s -> s.readBack().blockLatency().p99Micros()).max().orElse(0) / 1000.0));
        t.append(serverCpuSeconds < 0 ? "server CPU                         unknown\n"
                : String.format(Locale.ROOT, "server CPU                         %.2f cores busy (%.1f s CPU in %.1f s),"
                        + " %s%n", serverCoresBusy(), serverCpuSeconds, resources.wallSeconds(), serverCpuWhat));
        t.append(String.format(Locale.ROOT, "this JVM                           %.2f cores busy, GC %d ms in %d"
                        + " collections, heap after GC at most %.1f MB%s%n", resources.coresBusy(), resources.gcMillis(),
                resources.gcCount(), resources.liveHeapBytes() / 1_048_576.0, resources.loadAverage() < 0 ? ""
                        : String.format(Locale.ROOT, "; machine load average %.1f on %d cores", resources.loadAverage(),
                        Runtime.getRuntime().availableProcessors())));
        t.append("result                             ").append(anythingLost()
                ? failedSessions() + " of " + sessions.size() + " sessions LOST, duplicated or broke a rule"
                : keptUp() ? "nothing lost, every session passes the check; kept up"
                : "nothing lost, every session passes the check; did NOT keep up (added p99 over "
                        + KEEP_UP_P99.toMillis() + " ms)").append('\n');
        return t.toString();
    }

    private static String p50p99(LatencySummary l) {
        return String.format(Locale.ROOT, "%.1f / %.1f", l.p50Micros() / 1000.0, l.p99Micros() / 1000.0);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
