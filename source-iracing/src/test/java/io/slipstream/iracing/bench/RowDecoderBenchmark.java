package io.slipstream.iracing.bench;

import io.slipstream.iracing.channels.ChannelSelection;
import io.slipstream.iracing.layout.RowDecoder;
import io.slipstream.iracing.replay.IbtFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Row decoding over the real .ibt (issue 9 point 2): decode every row of the file with the {@code essential} or
 * {@code full} selection. Not run by the build. Run it with
 * <pre>
 * ./mvnw -B -q -pl source-iracing test-compile
 * ./mvnw -B -q -pl source-iracing dependency:build-classpath -Dmdep.outputFile=/tmp/ir.cp -Dmdep.includeScope=test
 * java -cp source-iracing/target/test-classes:source-iracing/target/classes:$(cat /tmp/ir.cp) \
 *      io.slipstream.iracing.bench.RowDecoderBenchmark
 * </pre>
 * The score is rows per second; multiply by the selection's width for values per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class RowDecoderBenchmark {

    /** Which channel set to decode. */
    @Param({"essential", "full"})
    public String channels;

    private IbtFile file;
    private RowDecoder decoder;
    private double[] out;
    private int row;

    /** Loads the file from the test resources and resolves the selection. @throws IOException on read errors */
    @Setup
    public void setUp() throws IOException {
        try (InputStream in = RowDecoderBenchmark.class.getResourceAsStream("/ibt/teamjorge_valid_test_file.ibt")) {
            file = IbtFile.of("valid.ibt", ByteBuffer.wrap(in.readAllBytes()));
        }
        decoder = ChannelSelection.resolve(file.vars(), List.of(channels), 60).decoder();
        out = new double[decoder.width()];
    }

    /** Decodes one row, cycling through the file. @return the decoded values, so nothing is optimised away */
    @Benchmark
    public double[] decodeRow() {
        decoder.decode(file.bytes(), file.rowStart(row), out);
        row = row + 1 == file.rowCount() ? 0 : row + 1;
        return out;
    }

    /** @param args ignored @throws RunnerException when JMH fails */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(RowDecoderBenchmark.class.getSimpleName()).build()).run();
    }
}
