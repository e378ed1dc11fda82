package io.slipstream.benchmarks;

import io.slipstream.view.series.Block;
import io.slipstream.view.series.Decimated;
import io.slipstream.view.series.Decimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the view does for each plot it draws: one channel at 1 kHz for an hour (3.6 M samples, as the pipeline
 * lands it: 36,000 blocks of 100 ms) reduced to min/max per pixel for a plot 1,500 px wide, over the whole hour
 * and over a zoomed minute. Score: ms per answer (the browser then draws at most 1,500 min/max pairs).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class DecimationBenchmark {

    private static final long T0 = 1_764_633_600_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long HOUR = 3_600_000 * MS;

    /** The plot width in pixels. */
    @Param({"1500"})
    public int width;

    private List<Block> blocks;

    /** An hour at 1 kHz: a sine with noise, in 100-sample blocks. */
    @Setup(Level.Trial)
    public void setUp() {
        blocks = new ArrayList<>(36_000);
        Random random = new Random(18);
        for (int b = 0; b < 36_000; b++) {
            double[] v = new double[100];
            for (int i = 0; i < v.length; i++) {
                int n = b * 100 + i;
                v[i] = 180 + 80 * Math.sin(n / 5_000.0) + random.nextGaussian();
            }
            blocks.add(Block.periodic(T0 + b * 100 * MS, MS, v));
        }
    }

    /** @return the whole hour at the plot's width */
    @Benchmark
    public Decimated wholeHour() {
        return Decimator.decimate(blocks, T0, T0 + HOUR, width);
    }

    /** @return one minute in the middle of the hour at the plot's width */
    @Benchmark
    public Decimated zoomedMinute() {
        long from = T0 + HOUR / 2;
        return Decimator.decimate(blocks, from, from + 60_000 * MS, width);
    }
}
