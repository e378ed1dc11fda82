package io.slipstream.bench;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowPolicy;
import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.sink.streamapi.SinkSettings;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The bridge of {@code slipstream bench --live}, run in a JVM of its own so that its heap limit ({@code -Xmx}) is
 * the bridge's alone: one live session of synthetic channels with the engine's default settings (overflow
 * drop-oldest, the default buffer and queue bounds, the default sink), then one {@value #RESULT} line on stdout
 * with its counters and the heap it needed.
 */
final class LiveBridge {

    /** The prefix of the line the parent reads. */
    static final String RESULT = "LIVE-RESULT";
    /** The line that says the warm-up session ended and the measured one starts. */
    static final String WARM = "LIVE-WARM";
    /** Sample time of the warm-up session: the server creates the data source's topics for the first session. */
    static final Duration WARMUP = Duration.ofSeconds(1);

    private LiveBridge() {
    }

    /**
     * @return the pipeline settings a user gets by writing only {@code overflow: { policy: drop-oldest }} (with
     *         {@link LiveBounds#defaults()})
     */
    static PipelineSettings settings(LiveBounds bounds) {
        return new PipelineSettings(BlockSettings.defaults(), new MarkerSettings(false, List.of()),
                new OverflowSettings(OverflowPolicy.DROP_OLDEST, bounds.buffer(), bounds.queueBytes()));
    }

    /**
     * @param args stream API, key generator, Kafka bootstrap, data source, channels, rate in Hz, duration in ms,
     *             then the {@link LiveBounds}: buffer in samples, queue bytes, resend bytes
     */
    public static void main(String[] args) {
        BenchLogging.quiet();
        PrintStream out = System.out;
        try {
            LiveBounds bounds = new LiveBounds(Integer.parseInt(args[7]), Long.parseLong(args[8]), Long.parseLong(args[9]));
            BenchOptions options = new BenchOptions(Integer.parseInt(args[4]), Double.parseDouble(args[5]),
                    Duration.ofMillis(Long.parseLong(args[6])), args[0], args[1], args[2], Pacing.REALTIME,
                    BlockSettings.defaults().span(), bounds.buffer(), Duration.ofSeconds(60),
                    Duration.ZERO);
            SinkSettings sink = SinkSettings.defaults().withStreamApi(args[0]).withKeyGenerator(args[1])
                    .withKafkaBootstrap(args[2]).withDataSource(args[3]).withStream(FullPathBench.STREAM)
                    .withResendBuffer(SinkSettings.defaults().resendBufferPackets(), bounds.resendBytes());
            Scheduler sinkThread = Schedulers.newBoundedElastic(2, Integer.MAX_VALUE, "live-sink");
            ResourceProbe probe;
            FullPathBench.Session done;
            try {
                FullPathBench.session(options.withDuration(WARMUP), settings(bounds), sink, sinkThread);
                out.println(WARM);
                out.flush();
                probe = ResourceProbe.start();
                done = FullPathBench.session(options, settings(bounds), sink, sinkThread);
            } finally {
                sinkThread.dispose();
            }
            ResourceUsage used = probe.finish();
            CountersSnapshot c = done.counters();
            SinkSnapshot s = done.result().counters();
            out.println(new LiveBridgeResult(done.result().sessionKey(), c.received(), c.droppedTotal(), c.filled(),
                    s.droppedTotal(), s.droppedSamplesTotal(), s.reconnects(), s.resends(), used.liveHeapBytes(),
                    used.maxHeapBytes(), used.peakRssBytes()).line());
            out.flush();
            System.exit(0);
        } catch (RuntimeException | Error e) {
            out.println(RESULT + " failed " + (e.getMessage() == null ? e : e.getMessage()));
            out.flush();
            System.exit(1);
        }
    }
}
