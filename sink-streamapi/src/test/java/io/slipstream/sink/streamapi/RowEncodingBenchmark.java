package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.spi.ChannelDefinition;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The sink's encoding of one row batch: {@code Rows -> RowDataPacket(s) -> bytes} through the package-private
 * {@link RowEncoder}, beside {@link PacketEncodingBenchmark} for the same reason. Score: ns per batch; divide by
 * the batch's samples ({@code channels x rows}) for ns per sample. Irregular times, every value valid.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RowEncodingBenchmark {

    /**
     * {@code channels x rows} of one batch: a GPS fix stream (4 channels, 25 fixes), a wide irregular log (120 x 60),
     * and 1,000 channels x 100 rows, which passes the 256 KiB packet cap and is split.
     */
    @Param({"4x25", "120x60", "1000x100"})
    public String shape;

    private Rows rows;

    /** Builds the batch once: times 10 ms apart with up to 3 ms of jitter. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        int columns = Integer.parseInt(parts[0]);
        int n = Integer.parseInt(parts[1]);
        List<ChannelDefinition> channels = new ArrayList<>(columns);
        double[][] values = new double[columns][n];
        long[] times = new long[n];
        for (int r = 0; r < n; r++) {
            times[r] = 1_700_000_000_000_000_000L + r * 10_000_000L + (r * 7_919L % 3_000_000L);
        }
        for (int c = 0; c < columns; c++) {
            channels.add(ChannelDefinition.builder("C" + c + ":Bench").build());
            for (int r = 0; r < n; r++) {
                values[c][r] = Math.sin(c + r * 0.01) * 100;
            }
        }
        rows = new Rows(new RowGroup(1, channels), n, times, values, null);
    }

    /**
     * Every {@code RowDataPacket} of the batch, the envelopes' contents.
     *
     * @param bh consumes each packet
     */
    @Benchmark
    public void encode(Blackhole bh) {
        RowEncoder encoder = RowEncoder.split(rows, 7L, SessionProtocol.MAX_PACKET_BYTES);
        for (int part = 0; part < encoder.packets(); part++) {
            bh.consume(encoder.content(part));
        }
    }

    /**
     * Every packet of the batch as the sink hands it to gRPC: content, envelope and request detail, serialised.
     *
     * @param bh consumes each packet
     */
    @Benchmark
    public void encodeDetails(Blackhole bh) {
        RowEncoder encoder = RowEncoder.split(rows, 7L, SessionProtocol.MAX_PACKET_BYTES);
        for (int part = 0; part < encoder.packets(); part++) {
            bh.consume(encoder.details(part, "b5c1a7e0-session", 123_456L + part, "Slipstream", "Stream1"));
        }
    }

    /**
     * The alternative not taken: the same packets built with protobuf-java's builders, as in the byte reference.
     *
     * @param bh consumes each packet
     */
    @Benchmark
    public void encodeWithBuilders(Blackhole bh) {
        RowEncoder encoder = RowEncoder.split(rows, 7L, SessionProtocol.MAX_PACKET_BYTES);
        int from = 0;
        for (int part = 0; part < encoder.packets(); part++) {
            int to = from + encoder.samples(part) / rows.columns();
            bh.consume(BuilderReference.rows(rows, from, to, 7L).toByteArray());
            from = to;
        }
    }
}
