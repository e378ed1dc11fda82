package io.slipstream.benchmarks;

import io.slipstream.bench.BenchLogging;
import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The pipeline's assembly, sample by sample: one channel-major tick after another through a fresh
 * {@link BlockAssembler} per invocation (its clock must move forward), 100 ms blocks or batches. Score: ns per sample.
 *
 * <p>{@code timing}: {@code grid} is fixed-rate data on the grid, declared at its rate (the timing probe judges it
 * regular after 16 intervals, then blocks as ever); {@code rows} is the same data sent as timestamped rows
 * ({@code block.gap: rows}), the path of channels without a fixed rate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BlockAssemblyBenchmark {

    /** Samples fed per invocation. */
    static final int SAMPLES = 120_000;
    private static final long T0 = 1_700_000_000_000_000_000L;

    /** {@code channels x Hz}: iRacing load and the heavy case. */
    @Param({"120x60", "1000x1000"})
    public String load;

    /** {@code grid}: periodic blocks; {@code rows}: timestamped rows. */
    @Param({"grid", "rows"})
    public String timing;

    private List<ChannelDefinition> channels;
    private SampleValue[] samples;
    private BlockSettings block;

    /** Makes the samples once: {@link #SAMPLES} of them, every channel at every tick. */
    @Setup(Level.Trial)
    public void setUp() {
        BenchLogging.quiet();
        String[] parts = load.split("x");
        int n = Integer.parseInt(parts[0]);
        double hz = Double.parseDouble(parts[1]);
        long interval = Math.round(1e9 / hz);
        channels = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            channels.add(ChannelDefinition.builder("C" + c + ":Bench").frequencyHz(hz).build());
        }
        samples = new SampleValue[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            int tick = i / n;
            samples[i] = SampleValue.of(channels.get(i % n), T0 + tick * interval, Math.sin(i));
        }
        block = new BlockSettings(1000, Duration.ofMillis(100), Duration.ofMillis(200), 0.5,
                "rows".equals(timing) ? GapPolicy.ROWS : GapPolicy.SPLIT);
    }

    /**
     * @param bh takes the events
     * @return the assembler, so that its end is not optimised away
     */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public BlockAssembler assemble(Blackhole bh) {
        ChannelRegistry registry = new ChannelRegistry();
        registry.declare(channels);
        BlockAssembler assembler = new BlockAssembler(block, new MarkerSettings(false, List.of()),
                new PipelineCounters(0), registry, () -> 0L);
        for (SampleValue s : samples) {
            List<PipelineEvent> events = assembler.onSample(s);
            if (!events.isEmpty()) {
                bh.consume(events);
            }
        }
        bh.consume(assembler.finish());
        return assembler;
    }
}
