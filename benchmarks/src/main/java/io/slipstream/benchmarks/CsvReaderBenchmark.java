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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CSV source replaying a generated log in fast pacing: 20,000 rows of a time column and 20 value columns at
 * 1 kHz, detected layout, every sample through the source's Flux. Score: ns per sample.
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

    /** @return samples read, which must be rows times columns */
    @Benchmark
    @OperationsPerInvocation(ROWS * COLUMNS)
    public long replay() {
        TelemetrySource source = new CsvSourceProvider().create(ConfigSection.of(Map.of(
                SourceProvider.FILE_OPTION, csv.toString(), SourceProvider.PACING_OPTION, "fast")));
        PipelineSourceContext context = new PipelineSourceContext(new ChannelRegistry(), PipelineClock.system(),
                new PipelineCounters(0));
        Long n = source.samples(context).count().block();
        if (n == null || n != (long) ROWS * COLUMNS) {
            throw new IllegalStateException("read " + n + " samples, expected " + (long) ROWS * COLUMNS);
        }
        return n;
    }
}
