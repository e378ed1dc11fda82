package io.slipstream.sink.streamapi;

import io.grpc.Drainable;
import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.spi.ChannelDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.open_data.v1.Packet;
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
 * The sink's encoding of one block: {@code Block -> PeriodicDataPacket -> bytes} through the sink's own (package-
 * private) {@code PeriodicEncoder}, which is why this benchmark lives in the sink's package, under {@code src/test}
 * like the pipeline's and the iRacing source's benchmarks. Score: ns per block;
 * divide by the block's samples ({@code channels x rows}) for ns per sample.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PacketEncodingBenchmark {

    /** {@code channels x rows} of one block: a 100 ms block at iRacing load, and at 1,000 channels x 1 kHz. */
    @Param({"120x6", "1000x100"})
    public String shape;

    private Block block;

    /** Builds the block once, every value valid. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        int columns = Integer.parseInt(parts[0]);
        int rows = Integer.parseInt(parts[1]);
        List<ChannelDefinition> channels = new ArrayList<>(columns);
        double[][] values = new double[columns][rows];
        for (int c = 0; c < columns; c++) {
            channels.add(ChannelDefinition.builder("C" + c + ":Bench").frequencyHz(1000).build());
            for (int r = 0; r < rows; r++) {
                values[c][r] = Math.sin(c + r * 0.01) * 100;
            }
        }
        block = new Block(new RateGroup(1, 1_000_000L, channels), 1_700_000_000_000_000_000L, 1_000_000L, rows,
                values, null);
    }

    /** @return the serialised {@code PeriodicDataPacket}, the envelope's content */
    @Benchmark
    public byte[] encode() {
        return PeriodicEncoder.content(block, 7L);
    }

    /**
     * The whole periodic packet as the sink hands it to gRPC: content, envelope and request detail, serialised.
     *
     * @return the {@code DataPacketDetails} bytes
     */
    @Benchmark
    public byte[] encodeDetails() {
        return PeriodicEncoder.details(block, 7L, "b5c1a7e0-session", 123_456L, "Slipstream", "Stream1");
    }

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private PacketBatch batch;
    private byte[] packetBytes;

    /** One encoded block as the sink queues it, and its inner Packet's bytes for the re-parsing alternative. */
    @Setup(Level.Trial)
    public void setUpWire() throws IOException {
        byte[] details = encodeDetails();
        batch = new PacketBatch(List.of(details));
        packetBytes = DataPacketDetails.parseFrom(details).getMessage().toByteArray();
    }

    /**
     * Sending one encoded block as the sink does: its request drained the way gRPC drains a {@code Drainable}.
     *
     * @return bytes written
     */
    @Benchmark
    public int sendBytes() throws IOException {
        wire.reset();
        return ((Drainable) PacketBatchMarshaller.INSTANCE.stream(batch)).drainTo(wire);
    }

    /**
     * The alternative not taken: the hand-written Packet parsed back into a message and sent inside a request built
     * from messages with the generated marshalling.
     *
     * @return bytes written
     */
    @Benchmark
    public int sendReparsed() throws IOException {
        wire.reset();
        var request = WriteDataPacketsRequest.newBuilder()
                .addDetails(DataPacketDetails.newBuilder()
                        .setMessage(Packet.parseFrom(packetBytes))
                        .setDataSource("Slipstream").setStream("Stream1").setSessionKey("b5c1a7e0-session"))
                .build();
        request.writeTo(wire);
        return request.getSerializedSize();
    }
}
