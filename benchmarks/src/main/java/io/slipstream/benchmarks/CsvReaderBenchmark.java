package io.slipstream.benchmarks;

import io.slipstream.bench.BenchLogging;
import io.slipstream.csv.CsvSourceProvider;
import io.slipstream.pipeline.PipelineClock;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.assembly.ChannelRegistry;
import io.slipstream.pipeline.assembly.PipelineSourceContext;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CSV source replaying a generated log in fast pacing: 20,000 rows of a time column and 20 value columns at
 * 1 kHz, detected layout, every sample through the source's Flux. Score: ns per sample. {@code scanRange=true} is
 * what a user gets with no config: the file is read twice, once for the channels' ranges (declared before the
 * first sample) and once for the samples; {@code false} shows the second pass alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class CsvReaderBenchmark {

    static final int ROWS = 20_000;
    static final int COLUMNS = 20;

    /** Whether the source scans the file for ranges first, as it does by default. */
    @Param({"true", "false"})
    public boolean scanRange;

    private Path dir;
    private Path csv;

    /**
     * Writes the file once.
     *
     * @throws IOException when the temporary file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchLogging.quiet();
        dir = Files.createTempDirectory("slipstream-csv-bench-");
        csv = dir.resolve("log.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("time");
            for (int c = 0; c < COLUMNS; c++) {
                header.append(",ch").append(c);
            }
            w.write(header.append('\n').toString());
            for (int r = 0; r < ROWS; r++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.3f", r / 1000.0));
                for (int c = 0; c < COLUMNS; c++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.4f", Math.sin(r * 0.001 + c) * 50));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    /**
     * Deletes the file.
     *
     * @throws IOException when deleting fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(dir);
    }

    /**
     * CPU time of the benchmark thread, which runs the whole replay (fast pacing is synchronous): on a machine
     * shared with other work the wall time per sample says more about the neighbours than about the reader, the
     * CPU time does not. Reported per iteration as totals; {@code cpuNanos / samples} is ns of CPU per sample
     * (GC and JIT threads not included).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        /** CPU ns the benchmark thread spent replaying, this iteration. */
        public long cpuNanos;
        /** Samples replayed, this iteration. */
        public long samples;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * @param cpu where the CPU time goes
     * @return samples read, which must be rows times columns
     */
    @Benchmark
    @OperationsPerInvocation(ROWS * COLUMNS)
    public long replay(CpuTime cpu) {
        long before = THREADS.getCurrentThreadCpuTime();
        TelemetrySource source = new CsvSourceProvider().create(ConfigSection.of(Map.of(
                SourceProvider.FILE_OPTION, csv.toString(), SourceProvider.PACING_OPTION, "fast",
                "scan-range", String.valueOf(scanRange))));
        PipelineSourceContext context = new PipelineSourceContext(new ChannelRegistry(), PipelineClock.system(),
                new PipelineCounters(0));
        Long n = source.samples(context).count().block();
        if (n == null || n != (long) ROWS * COLUMNS) {
            throw new IllegalStateException("read " + n + " samples, expected " + (long) ROWS * COLUMNS);
        }
        cpu.cpuNanos += THREADS.getCurrentThreadCpuTime() - before;
        cpu.samples += n;
        return n;
    }
}
