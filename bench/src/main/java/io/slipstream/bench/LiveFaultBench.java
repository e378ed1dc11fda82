package io.slipstream.bench;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.atlaskafka.inspect.Violation;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.streamapi.KafkaBroker;
import io.slipstream.streamapi.KeyGeneratorServer;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live fault benchmark behind {@code slipstream bench --live}: a bridge in a JVM of its own with a heap limit
 * (default {@code -Xmx384m}) streams synthetic channels in real time with the engine's defaults (overflow
 * drop-oldest) to a Stream API behind a {@link FreezingProxy}, which freezes it (every byte held, connections open),
 * then takes it down (connections reset, new ones refused), then restores it. The broker, Key Generator and
 * Stream API run in this JVM, outside the bridge's heap. At the end it reads the session back from Kafka: the
 * samples that landed must be exactly those received minus those the bridge counted as dropped, and the session
 * must pass the rule check of {@code slipstream inspect --check}.
 */
final class LiveFaultBench {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFaultBench.class);
    private static final String DATA_SOURCE = "SlipstreamLive";
    /** The exit code of a JVM run with {@code -XX:+ExitOnOutOfMemoryError} that ran out of heap. */
    private static final int OUT_OF_MEMORY = 3;

    private LiveFaultBench() {
    }

    /**
     * @param scenario what to run
     * @param progress where a line per phase goes
     * @return the figures
     * @throws IllegalStateException when the path could not be set up or the bridge failed
     */
    static LiveFaultResult run(LiveScenario scenario, PrintWriter progress) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("slipstream-live-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the benchmark's data directory: " + e.getMessage(), e);
        }
        StackOptions stackOptions = StackOptions.ephemeral(dataDir);
        try (KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), 0);
             KeyGeneratorServer keys = KeyGeneratorServer.start(0);
             StreamApiServer api = StreamApiServer.start(broker.bootstrapServers(), 0, stackOptions);
             FreezingProxy proxy = FreezingProxy.start(api.port());
             ReadBack readBack = new ReadBack(broker.bootstrapServers(),
                     KafkaLayout.legacy(stackOptions.partitionMappings(), false).mainTopic(DATA_SOURCE), false)) {
            readBack.start();
            Process bridge = startBridge(scenario, proxy.address(), keys.address(), broker.bootstrapServers());
            CountDownLatch warm = new CountDownLatch(1);
            CompletableFuture<String> result = readOutput(bridge, warm);
            try {
                long started = System.nanoTime();
                say(progress, started, "bridge started (-Xmx" + scenario.heap() + "), warming up");
                awaitWarm(warm, bridge, result);
                say(progress, started, "streaming");
                phase(bridge, scenario.steady());
                proxy.freeze();
                say(progress, started, "Stream API frozen for " + scenario.stall().toSeconds() + " s");
                phase(bridge, scenario.stall());
                proxy.takeDown();
                say(progress, started, "Stream API down (connections refused) for " + scenario.outage().toSeconds() + " s");
                phase(bridge, scenario.outage());
                proxy.restore();
                say(progress, started, "Stream API back");
                if (!bridge.waitFor(scenario.session().plus(scenario.drainTimeout()).toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the bridge did not end within " + scenario.drainTimeout()
                            + " after its session's sample time");
                }
                if (bridge.exitValue() == OUT_OF_MEMORY) {
                    throw new IllegalStateException("the bridge failed: " + exit(bridge.exitValue()));
                }
                LiveBridgeResult bridged = LiveBridgeResult.parse(result.join());
                say(progress, started, "session " + bridged.sessionKey() + " ended; reading it back");
                long expected = bridged.received() - bridged.droppedTotal() + bridged.filled();
                awaitLanded(readBack, bridged.sessionKey(), expected, scenario.drainTimeout());
                readBack.stop();
                ReadBackTally tally = readBack.tally(bridged.sessionKey());
                List<Violation> violations = new SessionRuleChecker().check(new KafkaPacketReader()
                        .readAll(broker.bootstrapServers(), DATA_SOURCE, stackOptions.partitionMappings()),
                        bridged.sessionKey());
                return new LiveFaultResult(scenario, bridged, tally.samples(), tally.duplicatePackets(), violations);
            } finally {
                bridge.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            SoakBench.deleteQuietly(dataDir);
        }
    }

    private static Process startBridge(LiveScenario s, String streamApi, String keyGenerator, String kafka) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Ends at once on an OutOfMemoryError (exit 3) rather than limping on with a failed thread.
        List<String> command = List.of(java.toString(), "-Xmx" + s.heap(), "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                LiveBridge.class.getName(), streamApi, keyGenerator, kafka, DATA_SOURCE,
                Integer.toString(s.channels()), Double.toString(s.rateHz()), Long.toString(s.session().toMillis()),
                Integer.toString(s.bounds().buffer()), Long.toString(s.bounds().queueBytes()),
                Long.toString(s.bounds().resendBytes()));
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bridge's JVM " + java, e);
        }
    }

    /**
     * Reads the bridge's stdout on a thread of its own: counts {@code warm} down at {@link LiveBridge#WARM} and
     * completes with the {@link LiveBridge#RESULT} line at its end (other output is ignored).
     */
    private static CompletableFuture<String> readOutput(Process bridge, CountDownLatch warm) {
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(bridge.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String found = LiveBridge.RESULT + " failed: the bridge ended without a result";
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals(LiveBridge.WARM)) {
                        warm.countDown();
                    } else if (line.startsWith(LiveBridge.RESULT)) {
                        found = line;
                    }
                }
                return found;
            } catch (IOException e) {
                return LiveBridge.RESULT + " failed: cannot read its output: " + e.getMessage();
            } finally {
                warm.countDown();
            }
        });
    }

    private static void awaitWarm(CountDownLatch warm, Process bridge, CompletableFuture<String> result)
            throws InterruptedException {
        if (!warm.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the bridge's warm-up session did not end within 3 minutes");
        }
        if (result.isDone()) {
            if (bridge.waitFor() == OUT_OF_MEMORY) {
                throw new IllegalStateException("the bridge failed in its warm-up session: " + exit(OUT_OF_MEMORY));
            }
            LiveBridgeResult.parse(result.join());
            throw new IllegalStateException("the bridge ended after its warm-up: " + exit(bridge.waitFor()));
        }
    }

    /** Lets a phase run: a bounded wait on the bridge, which must not end in it. */
    private static void phase(Process bridge, Duration length) throws InterruptedException {
        if (bridge.waitFor(length.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the bridge ended early: " + exit(bridge.exitValue()));
        }
    }

    /** @return what the bridge's exit code says */
    static String exit(int code) {
        return code == OUT_OF_MEMORY ? "it ran out of heap (OutOfMemoryError, exit " + code + ")" : "exit code " + code;
    }

    private static void awaitLanded(ReadBack readBack, String key, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object tick = new Object();
        while (readBack.tally(key).samples() < expected && System.nanoTime() < deadline) {
            synchronized (tick) {
                tick.wait(100);
            }
        }
    }

    private static void say(PrintWriter progress, long started, String what) {
        progress.printf("  %5.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
        progress.flush();
        LOG.info("Live bench: {}", what);
    }
}
