package io.slipstream.bench;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.streamapi.ServerLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The many-bridges benchmark behind {@code slipstream bench --sessions N}: N live sessions at once, each with its
 * own synthetic source, pipeline and {@code StreamApiSink} (as N bridges would have, one per car or rig), all into
 * one Stream API on one data source. When every session has ended it reads the data source back from Kafka and
 * reports, per session, what was lost or duplicated and whether the session passes the rules of
 * {@code inspect --check} ({@link SessionRuleChecker}), and over all sessions the latency the path added
 * (measured as in {@link FullPathBench}) and the CPU the server used.
 *
 * <p>The server's CPU: with the embedded stack the Stream API, Key Generator and broker share this JVM with the N
 * bridges, so the figure is the whole process'. Against an external {@code slipstream serve} ({@code --target})
 * whose process id is given, it is that process' CPU time over the run, read through {@link ProcessHandle}.
 */
public final class ManySessionsBench {

    /** Most concurrent sessions accepted: each holds a thread, a gRPC channel and a pipeline. */
    public static final int MAX_SESSIONS = 1000;
    private static final String DATA_SOURCE = "SlipstreamSessions";
    private static final Logger LOG = LoggerFactory.getLogger(ManySessionsBench.class);

    private ManySessionsBench() {
    }

    /**
     * Runs N sessions at once: starts the embedded stack if asked, streams, reads back, checks, stops what it
     * started.
     *
     * @param options   what each session runs (channels, rate, duration, pacing) and where to
     * @param sessions  concurrent sessions, 1 to {@link #MAX_SESSIONS}
     * @param serverCpu how to read the server's CPU time
     * @return the figures
     * @throws IllegalStateException when the path could not be set up or a session failed
     */
    public static ManySessionsResult run(BenchOptions options, int sessions, ServerCpu serverCpu) {
        if (sessions < 1 || sessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("--sessions: expected 1 to " + MAX_SESSIONS + ", got " + sessions);
        }
        try (BenchTarget target = BenchTarget.open(options, DATA_SOURCE, limitsFor(sessions))) {
            return stream(options, sessions, serverCpu, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The Stream API counts its limits per client IP, and every session of the bench comes from 127.0.0.1 where N
     * bridges would come from N machines: with the default 64 streaming calls per client, the 33rd session's two
     * write streams were refused (RESOURCE_EXHAUSTED) and the sinks reconnected over and over. So the embedded
     * stack of this run allows each client what N bridges need: two write streams per session, twice over for the
     * moment a reconnecting stream's old call is not yet closed, and a session each.
     *
     * @param sessions concurrent sessions
     * @return the server's defaults, raised to what that many sessions from one address need
     */
    static ServerLimits limitsFor(int sessions) {
        ServerLimits d = ServerLimits.defaults();
        return new ServerLimits(d.sessionRetention(), d.maxEndedSessions(),
                Math.max(d.maxSessionsPerClient(), sessions + 1), Math.max(d.maxStreamsPerClient(), 4 * sessions),
                d.maxSubscribersPerClient(), d.maxConnectionsPerClient(), d.maxDataSources());
    }

    private static ManySessionsResult stream(BenchOptions options, int sessions, ServerCpu serverCpu,
                                             BenchTarget target) throws InterruptedException {
        String dataSource = target.dataSource();
        String streamApi = target.streamApi();
        String kafka = target.kafka();
        SinkSettings sinkSettings = SinkSettings.defaults().withStreamApi(streamApi).withKeyGenerator(target.keyGenerator())
                .withKafkaBootstrap(kafka).withDataSource(dataSource).withStream(FullPathBench.STREAM);
        // One sink thread per bridge, as N bridges would each have their own.
        Scheduler sinkThreads = Schedulers.newBoundedElastic(Math.max(2, sessions), Integer.MAX_VALUE, "bench-sink");
        // And block assembly on threads of its own, as each bridge process would have its own bounded-elastic
        // pool: on the one shared pool (10 threads per core) 50 pipelines share threads with whatever blocks there.
        Scheduler handoffs = Schedulers.newBoundedElastic(Math.max(2, sessions), Integer.MAX_VALUE, "bench-pipeline");
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService bridges = Executors.newFixedThreadPool(sessions, r -> {
            Thread t = new Thread(r, "bench-session-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (ReadBack readBack = new ReadBack(kafka, KafkaLayout.legacy(Map.of(), false).mainTopic(dataSource),
                options.pacing() == Pacing.REALTIME)) {
            readBack.start();
            FullPathBench.warmUp(options, sinkSettings, sinkThreads, readBack);
            LOG.info("Bench starting {} concurrent sessions: {} channels at {} Hz for {} each, {} pacing, to {}"
                    + " (data source {})", sessions, options.channels(), options.rateHz(), options.duration(),
                    options.pacing().word(), streamApi, dataSource);
            ResourceProbe probe = ResourceProbe.start();
            ServerCpu.Reading cpuStart = serverCpu.read();
            List<CompletableFuture<FullPathBench.Session>> running = new ArrayList<>(sessions);
            for (int i = 0; i < sessions; i++) {
                running.add(CompletableFuture.supplyAsync(
                        () -> FullPathBench.session(options, sinkSettings, sinkThreads, handoffs), bridges));
            }
            List<FullPathBench.Session> done = new ArrayList<>(sessions);
            for (int i = 0; i < sessions; i++) {
                try {
                    done.add(running.get(i).join());
                } catch (CompletionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    throw new IllegalStateException("session " + (i + 1) + " of " + sessions + " failed: "
                            + cause.getMessage(), cause);
                }
            }
            LOG.info("Bench: all {} sessions ended; reading back", sessions);
            long deadline = System.nanoTime() + options.drainTimeout().toNanos();
            List<Boolean> complete = new ArrayList<>(sessions);
            for (FullPathBench.Session s : done) {
                Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
                complete.add(readBack.awaitDataPackets(s.result().sessionKey(), s.counters().blocks(), left));
            }
            readBack.stop();
            ServerCpu.Reading cpuEnd = serverCpu.read();
            ResourceUsage resources = probe.finish();
            List<LandedPacket> landed = new KafkaPacketReader().readAll(kafka, dataSource, target.mappings());
            SessionRuleChecker checker = new SessionRuleChecker();
            Histogram sampleLatency = new Histogram(SessionTally.HIGHEST_MICROS, 3);
            Histogram blockLatency = new Histogram(SessionTally.HIGHEST_MICROS, 3);
            List<SessionOutcome> outcomes = new ArrayList<>(sessions);
            for (int i = 0; i < sessions; i++) {
                FullPathBench.Session s = done.get(i);
                String key = s.result().sessionKey();
                CountersSnapshot c = s.counters();
                readBack.addLatenciesTo(key, sampleLatency, blockLatency);
                outcomes.add(new SessionOutcome(key, FullPathBench.expectedSamples(options), c.received(),
                        c.filled(), c.blocks(), c.dropped(), s.result().counters().dropped(), readBack.tally(key),
                        complete.get(i), checker.check(landed, key)));
            }
            ManySessionsResult result = new ManySessionsResult(options, dataSource, outcomes,
                    LatencySummary.of(sampleLatency), LatencySummary.of(blockLatency), resources,
                    cpuEnd.secondsSince(cpuStart), serverCpu.describe());
            LOG.info("Bench done: {} sessions, {} failed, added latency p99 {} ms", sessions,
                    result.failedSessions(), result.blockLatency().p99Micros() / 1000.0);
            return result;
        } finally {
            bridges.shutdownNow();
            sinkThreads.dispose();
            handoffs.dispose();
        }
    }
}
