package io.slipstream.benchmarks;

import io.slipstream.bench.BenchLogging;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowPolicy;
import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.pipeline.Pipeline;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.pipeline.Rows;
import io.slipstream.pipeline.assembly.ChannelRegistry;
import io.slipstream.pipeline.assembly.PipelineSourceContext;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.sink.streamapi.DataPacketEncoding;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import io.slipstream.synthetic.SyntheticSourceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The whole per-sample path on one thread, without a socket: the synthetic source's {@code Flux<SampleValue>} in
 * fast pacing, through {@link Pipeline} (overflow policy {@code block}, 100 ms blocks, as {@code slipstream bench
 * --pacing fast} runs it), to the {@code DataPacketDetails} bytes the Stream API sink would send for every block
 * ({@link DataPacketEncoding}). Score: ns per sample; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes
 * allocated per sample.
 *
 * <p>{@code path}: {@code packets} is the whole path; {@code source} is the synthetic source's flux alone (counted),
 * so the difference is what the pipeline and the encoders cost; {@code sourceRealtime} is the source in real-time
 * pacing (its timers, held ticks and per-tick fan-out) on a virtual clock advanced through the whole run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SamplesToPacketsBenchmark {

    /** Samples per invocation: 120 ticks of 1,000 channels, or 1,000 ticks of 120 channels. */
    static final int SAMPLES = 120_000;

    /** {@code channels x Hz}: the heavy case and the iRacing shape. */
    @Param({"1000x1000", "120x60"})
    public String load;

    private TelemetrySource source;
    private TelemetrySource realtimeSource;
    private long durationNanos;
    private PipelineSettings settings;

    /**
     * Creates the source once ({@code SAMPLES / channels} ticks of every channel, four signal kinds): parsing 1,000
     * channels' config is start-up work, not per-sample work; every subscription of the source starts afresh.
     */
    @Setup(Level.Trial)
    public void setUp() {
        BenchLogging.quiet();
        String[] parts = load.split("x");
        int n = Integer.parseInt(parts[0]);
        int hz = Integer.parseInt(parts[1]);
        long ticks = SAMPLES / n;
        long interval = Math.round(1e9 / hz);
        // The source makes ceil(duration / interval) ticks: end half an interval after the last one wanted.
        durationNanos = (ticks - 1) * interval + interval / 2;
        String[] kinds = {"sine", "ramp", "square", "noise"};
        List<Map<String, Object>> channels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", String.format("C%05d", i + 1));
            c.put("kind", kinds[i % kinds.length]);
            c.put("rate", hz);
            channels.add(c);
        }
        Map<String, Object> sourceConfig = new LinkedHashMap<>();
        sourceConfig.put(SourceProvider.PACING_OPTION, "fast");
        sourceConfig.put("duration", durationNanos / 1000 + "us");
        sourceConfig.put("application", "Bench");
        sourceConfig.put("channels", channels);
        source = new SyntheticSourceProvider().create(ConfigSection.of(sourceConfig));
        sourceConfig.put(SourceProvider.PACING_OPTION, "realtime");
        realtimeSource = new SyntheticSourceProvider().create(ConfigSection.of(sourceConfig));
        BlockSettings defaults = BlockSettings.defaults();
        settings = new PipelineSettings(new BlockSettings(defaults.size(), Duration.ofMillis(100),
                defaults.linger(), defaults.tolerance(), GapPolicy.SPLIT), new MarkerSettings(false, List.of()),
                new OverflowSettings(OverflowPolicy.BLOCK, OverflowSettings.defaults().buffer()));
    }

    /**
     * @param bh takes the packets' bytes
     * @return packets encoded
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long packets(Blackhole bh) {
        Pipeline pipeline = Pipeline.of(source, settings, PipelineClock.system());
        long[] packets = new long[1];
        pipeline.events().doOnNext(e -> encode(e, packets, bh)).blockLast();
        CountersSnapshot c = pipeline.counters().snapshot();
        if (c.emitted() != SAMPLES || c.received() != SAMPLES) {
            throw new IllegalStateException("received " + c.received() + " and emitted " + c.emitted()
                    + " samples, expected " + SAMPLES);
        }
        return packets[0];
    }

    /** @return samples the source made, which must be {@link #SAMPLES} */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long source() {
        PipelineSourceContext context = new PipelineSourceContext(new ChannelRegistry(), PipelineClock.system(),
                new PipelineCounters(0));
        Long n = source.samples(context).count().block();
        if (n == null || n != SAMPLES) {
            throw new IllegalStateException("the source made " + n + " samples, expected " + SAMPLES);
        }
        return n;
    }

    /** @return samples the real-time source made on a virtual clock moved through its whole duration at once */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long sourceRealtime() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try {
            PipelineSourceContext context = new PipelineSourceContext(new ChannelRegistry(),
                    PipelineClock.virtual(clock), new PipelineCounters(0));
            long[] n = new long[1];
            realtimeSource.samples(context).subscribe(s -> n[0]++);
            clock.advanceTimeBy(Duration.ofNanos(durationNanos));
            if (n[0] != SAMPLES) {
                throw new IllegalStateException("the source made " + n[0] + " samples, expected " + SAMPLES);
            }
            return n[0];
        } finally {
            clock.dispose();
        }
    }

    private static void encode(PipelineEvent event, long[] packets, Blackhole bh) {
        if (event instanceof Block || event instanceof Rows) {
            List<byte[]> bytes = DataPacketEncoding.encode(event, 1, "bench-session", packets[0] + 1, "Bench", "");
            packets[0] += bytes.size();
            bh.consume(bytes);
        }
    }
}
