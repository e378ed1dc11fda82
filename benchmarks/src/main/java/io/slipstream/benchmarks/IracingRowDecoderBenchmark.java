package io.slipstream.benchmarks;

import io.slipstream.bench.BenchLogging;
import io.slipstream.iracing.layout.RowDecoder;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.replay.IbtFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * source-iracing's {@link RowDecoder} over the rows of a real .ibt file (every element of every variable, as the
 * {@code all} preset would), one row per operation, cycling through the file. Score: ns per row; the setup prints
 * the values per row, for ns per value.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class IracingRowDecoderBenchmark {

    /** The .ibt file; the repository's test file by default, relative to the repository root. */
    @Param({"source-iracing/src/test/resources/ibt/teamjorge_valid_test_file.ibt"})
    public String file;

    private IbtFile ibt;
    private RowDecoder decoder;
    private double[] out;
    private int row;

    /**
     * Opens the file and resolves every element once.
     *
     * @throws IOException when the file cannot be read
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchLogging.quiet();
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException("no .ibt file at " + path.toAbsolutePath() + "; pass one with -p file=PATH");
        }
        ibt = IbtFile.open(path);
        List<RowDecoder.Element> elements = new ArrayList<>();
        for (VarHeader v : ibt.vars().vars()) {
            for (int i = 0; i < v.count(); i++) {
                elements.add(new RowDecoder.Element(v, i));
            }
        }
        decoder = new RowDecoder(elements);
        out = new double[decoder.width()];
        System.out.printf("%n%s: %d rows of %d values%n", path.getFileName(), ibt.rowCount(), decoder.width());
    }

    /**
     * Closes the file.
     *
     * @throws IOException when closing fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ibt.close();
    }

    /** @return the decoded row */
    @Benchmark
    public double[] decodeRow() {
        decoder.decode(ibt.bytes(), ibt.rowStart(row), out);
        row = row + 1 == ibt.rowCount() ? 0 : row + 1;
        return out;
    }
}
