package io.slipstream.pipeline.bench;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.pipeline.Pipeline;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.pipeline.assembly.BlockAssembler;
import io.slipstream.pipeline.assembly.ChannelRegistry;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;

/**
 * Block assembly at 1,000 channels × 1 kHz: one second of samples (1,000,000) per operation batch, blocks of
 * 100 samples per column. The score is samples per second on one core.
 *
 * <ul>
 *   <li>{@code assembler}: the {@link BlockAssembler} alone, the per-sample hot path;</li>
 *   <li>{@code pipeline}: the whole {@link Pipeline} (Reactor operators, counters, linger ticks) over a
 *       demand-driven source.</li>
 * </ul>
 * The samples are made once in setup; making them is the source's cost, not the pipeline's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class BlockAssemblyBenchmark {

    private static final int CHANNELS = 1000;
    private static final int ROWS = 1000;
    private static final long INTERVAL = 1_000_000L;
    private static final int SAMPLES = CHANNELS * ROWS;

    private final PipelineSettings settings = new PipelineSettings(
            new BlockSettings(100, Duration.ofSeconds(1), Duration.ofMillis(200), 0.5, GapPolicy.SPLIT),
            new MarkerSettings(false, List.of()), OverflowSettings.defaults());
    private List<ChannelDefinition> channels;
    private SampleValue[] samples;
    private BlockAssembler assembler;

    /** Makes the channels and one second of rows. */
    @Setup(Level.Trial)
    public void samples() {
        channels = new ArrayList<>(CHANNELS);
        for (int c = 0; c < CHANNELS; c++) {
            channels.add(ChannelDefinition.builder("Ch" + c + ":Bench").frequencyHz(1000).build());
        }
        samples = new SampleValue[SAMPLES];
        long t0 = 1_700_000_000_000_000_000L;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < CHANNELS; c++) {
                samples[r * CHANNELS + c] = SampleValue.of(channels.get(c), t0 + r * INTERVAL, Math.sin(r + c));
            }
        }
    }

    /** A fresh assembler per batch, so that every batch starts at the same sample times. */
    @Setup(Level.Invocation)
    public void assembler() {
        ChannelRegistry registry = new ChannelRegistry();
        registry.declare(channels);
        assembler = new BlockAssembler(settings.block(), settings.markers(), new PipelineCounters(0), registry,
                System::nanoTime);
    }

    /**
     * @param hole sink for the events
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void assembler(Blackhole hole) {
        BlockAssembler a = assembler;
        for (SampleValue s : samples) {
            List<PipelineEvent> events = a.onSample(s);
            if (!events.isEmpty()) {
                hole.consume(events);
            }
        }
        hole.consume(a.finish());
    }

    /** @return the last event of the run */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public PipelineEvent pipeline() {
        Pipeline p = Pipeline.of(ctx -> {
            ctx.declareChannels(channels);
            return Flux.fromArray(samples);
        }, settings, PipelineClock.system());
        return p.events().blockLast();
    }
}
