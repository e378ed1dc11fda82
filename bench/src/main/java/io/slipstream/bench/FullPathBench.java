package io.slipstream.bench;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.ByteBoundedQueue;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowPolicy;
import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.pipeline.Pipeline;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.sink.streamapi.SinkResult;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.sink.streamapi.SinkSnapshot;
import io.slipstream.sink.streamapi.StreamApiSink;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import io.slipstream.streamapi.ServerLimits;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.synthetic.SyntheticSourceProvider;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The full-path benchmark behind {@code slipstream bench}: synthetic channels → pipeline → Stream API sink → the
 * Stream API over a real loopback (or remote) gRPC socket → Kafka, with everything that lands read back and
 * counted while the run goes on.
 *
 * <p>How latency is measured: with real-time pacing every sample is stamped with the wall-clock time it was made
 * (the source's read time). The embedded stack's data topic is created by the benchmark with
 * {@code message.timestamp.type=LogAppendTime}, so each record's timestamp is the broker's append time; sample
 * {@code i} of a block was read at {@code start + i * interval}, and its latency is the difference. With an
 * external target the topic is the server's, its records carry {@code CreateTime} (stamped by the Stream API's
 * producer when it sends, before Kafka appends) and the two clocks may be different machines'; the table says
 * which kind it read. Both clocks tick in milliseconds, so latency is exact to 1 ms.
 *
 * <p>What is measured runs in this JVM with whatever else it holds: with the embedded stack, the broker and the
 * Stream API share the two cores, the heap and the RSS with the bridge, as in {@code slipstream run} without a
 * Stream API address.
 */
public final class FullPathBench {

    /** The stream the benchmark writes its data to. */
    static final String STREAM = "Stream1";
    private static final String DATA_SOURCE = "SlipstreamBench";
    private static final int EVENT_QUEUE = 256;
    private static final String[] KINDS = {"sine", "ramp", "square", "noise"};

    private FullPathBench() {
    }

    /**
     * Runs one benchmark: starts the embedded stack if asked, streams, reads back, stops everything it started.
     *
     * @param options what to run
     * @return the figures
     * @throws IllegalStateException when the path could not be set up or the session failed
     */
    public static BenchResult run(BenchOptions options) {
        try (BenchTarget target = BenchTarget.open(options, DATA_SOURCE, ServerLimits.defaults())) {
            return stream(options, target.dataSource(), target.streamApi(), target.keyGenerator(), target.kafka());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static BenchResult stream(BenchOptions options, String dataSource, String streamApi, String keyGenerator,
                                      String kafka) throws InterruptedException {
        Logger log = log();
        SinkSettings sinkSettings = SinkSettings.defaults().withStreamApi(streamApi).withKeyGenerator(keyGenerator)
                .withKafkaBootstrap(kafka).withDataSource(dataSource).withStream(STREAM);
        Scheduler sinkThread = Schedulers.newBoundedElastic(2, Integer.MAX_VALUE, "bench-sink");
        try (ReadBack readBack = new ReadBack(kafka, KafkaLayout.legacy(Map.of(), false).mainTopic(dataSource),
                options.pacing() == Pacing.REALTIME)) {
            readBack.start();
            warmUp(options, sinkSettings, sinkThread, readBack);
            log.info("Bench starting: {} channels at {} Hz for {}, {} pacing, to {} (data source {})",
                    options.channels(), options.rateHz(), options.duration(), options.pacing().word(), streamApi,
                    dataSource);
            ResourceProbe probe = ResourceProbe.start();
            long startMillis = System.currentTimeMillis();
            Session measured = session(options, sinkSettings, sinkThread);
            String key = measured.result().sessionKey();
            CountersSnapshot counters = measured.counters();
            log.info("Bench session {} ended: {} samples in {} blocks sent; reading back", key, counters.emitted(),
                    counters.blocks());
            boolean complete = readBack.awaitDataPackets(key, counters.blocks(), options.drainTimeout());
            readBack.stop();
            ResourceUsage resources = probe.finish();
            ReadBackTally tally = readBack.tally(key);
            SinkSnapshot sunk = measured.result().counters();
            double seconds = tally.lastAppendMillis() > 0 ? (tally.lastAppendMillis() - startMillis) / 1000.0 : 0;
            BenchResult bench = new BenchResult(options, dataSource, key, expectedSamples(options),
                    counters.received(), counters.filled(), counters.offGrid(), counters.backwards(),
                    counters.blocks(), counters.dropped(), sunk.packetsSent(), sunk.bytes(), sunk.dropped(), tally,
                    complete, seconds, resources);
            log.info("Bench done: {} of {} samples on Kafka, {} samples/s, lost {}", tally.samples(),
                    counters.received(), Math.round(bench.samplesPerSecond()), bench.lostSamples());
            return bench;
        } finally {
            sinkThread.dispose();
        }
    }

    /**
     * Runs the unmeasured first session, if the options ask for one, and waits (bounded) until it is read back, so
     * that JIT, topics and the server's per-data-source start are done before the measured part.
     */
    static void warmUp(BenchOptions options, SinkSettings sinkSettings, Scheduler sinkThread, ReadBack readBack)
            throws InterruptedException {
        if (options.warmup().isZero()) {
            return;
        }
        log().info("Bench warm-up: {} of samples, not measured", options.warmup());
        Session warm = session(options.withDuration(options.warmup()), sinkSettings, sinkThread);
        if (!readBack.awaitDataPackets(warm.result().sessionKey(), warm.counters().blocks(), options.drainTimeout())) {
            log().warn("Bench warm-up: not every packet of session {} was read back within {}",
                    warm.result().sessionKey(), options.drainTimeout());
        }
    }

    /** One session's outcome and its pipeline's final counters. */
    record Session(SinkResult result, CountersSnapshot counters) {
    }

    static Session session(BenchOptions options, SinkSettings sinkSettings, Scheduler sinkThread) {
        return session(options, sinkSettings, sinkThread, Schedulers.boundedElastic());
    }

    /**
     * One session: a synthetic source, its pipeline and a sink of its own, to the end.
     *
     * @param handoff where the pipeline assembles blocks (as in the app, off the source's thread)
     */
    static Session session(BenchOptions options, SinkSettings sinkSettings, Scheduler sinkThread, Scheduler handoff) {
        return session(options, pipelineSettings(options), sinkSettings, sinkThread, handoff);
    }

    /** One session of the benchmark's synthetic channels with the given pipeline settings. */
    static Session session(BenchOptions options, PipelineSettings settings, SinkSettings sinkSettings,
                           Scheduler sinkThread) {
        return session(options, settings, sinkSettings, sinkThread, Schedulers.boundedElastic());
    }

    private static Session session(BenchOptions options, PipelineSettings settings, SinkSettings sinkSettings,
                                   Scheduler sinkThread, Scheduler handoff) {
        TelemetrySource source = new SyntheticSourceProvider().create(ConfigSection.of(sourceConfig(options)));
        Pipeline pipeline = Pipeline.of(source, settings, PipelineClock.system(), handoff);
        // As in the app: the sink works on its own thread, never on the one that carries the samples, behind a
        // queue bounded in bytes.
        ByteBoundedQueue<PipelineEvent> events = new ByteBoundedQueue<>(settings.overflow().queueBytes(),
                EVENT_QUEUE, PipelineEvent::sizeBytes, sinkThread);
        try (StreamApiSink sink = new StreamApiSink(sinkSettings)) {
            SinkResult result = sink.write(events.apply(pipeline.events())).block(writeTimeout(options));
            if (result == null) {
                throw new IllegalStateException("the sink ended without a session result");
            }
            return new Session(result, pipeline.counters().snapshot());
        }
    }

    /** @return channels times the ticks the synthetic source makes within the duration (its first tick at 0) */
    static long expectedSamples(BenchOptions options) {
        long interval = Math.round(1e9 / options.rateHz());
        long ticks = (options.duration().toNanos() + interval - 1) / interval;
        return ticks * options.channels();
    }

    /** @return the synthetic provider's config: channels {@code C00001...} cycling through four signal kinds */
    static Map<String, Object> sourceConfig(BenchOptions options) {
        List<Map<String, Object>> channels = new ArrayList<>(options.channels());
        for (int i = 0; i < options.channels(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", String.format("C%05d", i + 1));
            c.put("kind", KINDS[i % KINDS.length]);
            c.put("rate", options.rateHz());
            c.put("amplitude", 1 + i % 10);
            channels.add(c);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(SourceProvider.PACING_OPTION, options.pacing().word());
        config.put("duration", options.duration().toMillis() + "ms");
        config.put("application", "Bench");
        config.put("track", "Bench");
        config.put("car", "Bench");
        config.put("channels", channels);
        return config;
    }

    /**
     * A live source does not wait: it gets a drop-newest buffer, and every sample it drops is counted as lost.
     * Fast pacing makes samples only on demand, so it blocks instead.
     */
    static PipelineSettings pipelineSettings(BenchOptions options) {
        BlockSettings defaults = BlockSettings.defaults();
        BlockSettings block = new BlockSettings(defaults.size(), options.blockSpan(), defaults.linger(),
                defaults.tolerance(), GapPolicy.SPLIT);
        OverflowSettings overflow = options.pacing() == Pacing.REALTIME
                ? new OverflowSettings(OverflowPolicy.DROP_NEWEST, options.buffer())
                : new OverflowSettings(OverflowPolicy.BLOCK, options.buffer());
        return new PipelineSettings(block, new MarkerSettings(false, List.of()), overflow);
    }

    private static Duration writeTimeout(BenchOptions options) {
        Duration d = options.duration();
        return options.pacing() == Pacing.REALTIME ? d.plus(options.drainTimeout()).plusMinutes(1)
                : d.multipliedBy(20).plus(options.drainTimeout()).plusMinutes(1);
    }

    /**
     * Creates the data source's topics before the Stream API does, with the broker's append time as record
     * timestamp; the server finds them existing and uses them as they are.
     */
    static void createTopicsWithAppendTime(String bootstrap, Map<String, Integer> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> create = new ArrayList<>();
            topics.forEach((name, partitions) -> create.add(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"))));
            admin.createTopics(create).all().get(30, TimeUnit.SECONDS);
            log().info("Created topics {} with LogAppendTime timestamps", topics);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the benchmark's topics " + topics.keySet() + " on "
                    + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log().warn("Could not delete the benchmark's data directory {}: {}", dir, e.getMessage());
        }
    }

    /** Not a static field, so that {@link #main} can choose the logging config before logging starts. */
    private static Logger log() {
        return LoggerFactory.getLogger(FullPathBench.class);
    }

    /**
     * Runs the benchmark on its own: the same options as {@code slipstream bench}.
     *
     * @param args command-line options, e.g. {@code --channels 120 --rate 60 --duration 30s}
     */
    public static void main(String[] args) {
        BenchLogging.quiet();
        System.exit(BenchCommand.execute(args));
    }
}
