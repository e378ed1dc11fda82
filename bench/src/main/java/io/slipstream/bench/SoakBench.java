package io.slipstream.bench;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.streamapi.KafkaBroker;
import io.slipstream.streamapi.KeyGeneratorServer;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The soak behind {@code slipstream bench --soak}: one live session at a steady load (by default iRacing's, 120
 * channels at 60 Hz) for a long time into a broker, Key Generator and Stream API in this JVM, with the Stream API
 * stopped and started again on the same port every few minutes while the bridge keeps streaming. At each restart
 * it reads the heap after a full GC, the live threads and the open file descriptors, so that a leak shows as a
 * column that grows; at the end it reads the session back from Kafka and counts what was lost or duplicated.
 */
public final class SoakBench {

    private static final Logger LOG = LoggerFactory.getLogger(SoakBench.class);
    private static final String DATA_SOURCE = "SlipstreamSoak";

    private SoakBench() {
    }

    /**
     * @param options      channels, rate and buffer of the session (its duration is the soak's)
     * @param soak         how long the session streams
     * @param restartEvery how often the Stream API is stopped and started again
     * @param progress     where a line per restart goes
     * @return the figures
     * @throws IllegalStateException when the path could not be set up or the session failed
     */
    public static SoakResult run(BenchOptions options, Duration soak, Duration restartEvery, PrintWriter progress) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("slipstream-soak-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the soak's data directory: " + e.getMessage(), e);
        }
        StackOptions stackOptions = StackOptions.ephemeral(dataDir);
        Scheduler sinkThread = Schedulers.newBoundedElastic(2, Integer.MAX_VALUE, "soak-sink");
        try (KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), 0);
             KeyGeneratorServer keys = KeyGeneratorServer.start(0);
             ReadBack readBack = new ReadBack(broker.bootstrapServers(),
                     KafkaLayout.legacy(Map.of(), false).mainTopic(DATA_SOURCE), false)) {
            StreamApiServer api = StreamApiServer.start(broker.bootstrapServers(), 0, stackOptions);
            int port = api.port();
            readBack.start();
            SinkSettings sink = SinkSettings.defaults().withStreamApi(api.address()).withKeyGenerator(keys.address())
                    .withKafkaBootstrap(broker.bootstrapServers()).withDataSource(DATA_SOURCE).withStream(FullPathBench.STREAM);
            BenchOptions session = options.withDuration(soak);
            long started = System.nanoTime();
            List<SoakReading> readings = new ArrayList<>();
            readings.add(SoakReading.take(Duration.ZERO, 0));
            CompletableFuture<FullPathBench.Session> running = CompletableFuture.supplyAsync(
                    () -> FullPathBench.session(session, sink, sinkThread));
            int restarts = 0;
            try {
                while (!ended(running, restartEvery)) {
                    api.close();
                    api = StreamApiServer.start(broker.bootstrapServers(), port, stackOptions);
                    restarts++;
                    SoakReading r = SoakReading.take(Duration.ofNanos(System.nanoTime() - started), restarts);
                    readings.add(r);
                    progress.println(r.line());
                    progress.flush();
                }
                FullPathBench.Session done = running.join();
                String key = done.result().sessionKey();
                boolean complete = readBack.awaitDataPackets(key, done.counters().blocks(), options.drainTimeout());
                readings.add(SoakReading.take(Duration.ofNanos(System.nanoTime() - started), restarts));
                readBack.stop();
                return new SoakResult(session, restartEvery, restarts, readings, FullPathBench.expectedSamples(session),
                        done.counters().received(), done.counters().droppedTotal(), done.result().counters().packetsSent(),
                        readBack.tally(key), complete);
            } finally {
                api.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            sinkThread.dispose();
            deleteQuietly(dataDir);
        }
    }

    /** @return whether the session ended within {@code wait} (a bounded wait on it, not a sleep) */
    private static boolean ended(CompletableFuture<?> running, Duration wait) throws InterruptedException {
        try {
            running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the soak's session failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Deletes a benchmark's data directory; a file that cannot be is logged, not thrown. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the benchmark's data directory {}: {}", dir, e.getMessage());
        }
    }

    /**
     * What the process holds at one moment.
     *
     * @param at          time since the session started
     * @param restarts    Stream API restarts so far
     * @param heapAfterGc heap in use right after a full GC, bytes
     * @param threads     live threads
     * @param openFiles   open file descriptors (sockets, log segments), or -1 where /proc is missing
     */
    public record SoakReading(Duration at, int restarts, long heapAfterGc, int threads, long openFiles) {

        static SoakReading take(Duration at, int restarts) {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            } catch (IOException e) {
                fds = -1;
            }
            return new SoakReading(at, restarts, heap, threads, fds);
        }

        /** @return one row of the table */
        public String line() {
            return String.format("  %6s  %8d  %10.1f MB  %7d  %10d", clock(at), restarts, heapAfterGc / 1e6, threads, openFiles);
        }

        private static String clock(Duration d) {
            return d.toMinutes() + ":" + String.format("%02d", d.toSecondsPart());
        }
    }
}
