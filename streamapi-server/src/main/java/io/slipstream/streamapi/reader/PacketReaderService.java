package io.slipstream.streamapi.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

import io.slipstream.streamapi.connection.Connections;
import io.slipstream.streamapi.dataformat.DataFormats;
import io.slipstream.streamapi.grpc.GrpcErrors;
import io.slipstream.streamapi.kafka.DataSources;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.ReadEnd;
import io.slipstream.atlaskafka.read.TailPartition;
import io.slipstream.streamapi.session.SessionState;
import io.slipstream.streamapi.session.Sessions;
import ma.streaming.api.v1.ConnectionDetails;
import ma.streaming.api.v1.PacketResponse;
import ma.streaming.api.v1.ReactorPacketReaderServiceGrpc;
import ma.streaming.api.v1.ReadDataPacketsRequest;
import ma.streaming.api.v1.ReadDataPacketsResponse;
import ma.streaming.api.v1.ReadEssentialsRequest;
import ma.streaming.api.v1.ReadEssentialsResponse;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.ReadPacketsResponse;
import ma.streaming.open_data.v1.Packet;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * {@code ma.streaming.api.v1.PacketReaderService} (spec §1.6). ReadPackets and ReadDataPackets follow
 * the connection's partitions live until the client cancels; ReadEssentials reads the essentials topic
 * up to the end it had when the call began and completes. When the connection names a session, only
 * records whose Kafka key is that session key are delivered. An unknown connection ends the stream at
 * once. Each response message carries the packets of one poll, split so that none exceeds
 * {@link #MAX_RESPONSE_BYTES} (clients keep the default 4 MiB receive limit).
 */
public final class PacketReaderService extends ReactorPacketReaderServiceGrpc.PacketReaderServiceImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(PacketReaderService.class);
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final ConsumerProperties consumer;
    private final KafkaLayout layout;
    private final DataSources dataSources;
    private final Connections connections;
    private final Sessions sessions;
    private final DataFormats formats;
    private final Scheduler scheduler;

    /**
     * @param kafka            the Kafka cluster
     * @param layout           the layout
     * @param dataSources      topic creation
     * @param connections      the reader connections
     * @param sessions         session start offsets
     * @param formats          data-format ids for ReadDataPackets
     * @param scheduler        where the readers' consumers poll
     */
    public PacketReaderService(KafkaConnection kafka, KafkaLayout layout, DataSources dataSources,
                               Connections connections, Sessions sessions, DataFormats formats, Scheduler scheduler) {
        this.consumer = ConsumerProperties.assignOnly(kafka, "stream-api-reader");
        this.layout = layout;
        this.dataSources = dataSources;
        this.connections = connections;
        this.sessions = sessions;
        this.formats = formats;
        this.scheduler = scheduler;
    }

    @Override
    public Flux<ReadPacketsResponse> readPackets(ReadPacketsRequest request) {
        return Flux.defer(() -> connections.get(request.getConnection().getId())
                .map(c -> read(LogReader.follow(consumer, plan(c), scheduler), c, p -> true,
                        list -> ReadPacketsResponse.newBuilder().addAllResponse(list).build()))
                .orElseGet(Flux::empty));
    }

    @Override
    public Flux<ReadDataPacketsResponse> readDataPackets(ReadDataPacketsRequest request) {
        return Flux.defer(() -> connections.get(request.getRequest().getConnection().getId())
                .map(c -> {
                    DataPacketFilter filter = new DataPacketFilter(request.getRequest(), c.getDataSource(), formats);
                    return read(LogReader.follow(consumer, plan(c), scheduler), c, filter::accepts,
                            list -> ReadDataPacketsResponse.newBuilder().addAllResponse(list).build());
                })
                .orElseGet(Flux::empty));
    }

    @Override
    public Flux<ReadEssentialsResponse> readEssentials(ReadEssentialsRequest request) {
        return Flux.defer(() -> connections.get(request.getConnection().getId())
                .map(c -> read(LogReader.toEnd(consumer, ReadPlan.essentials(c, layout, dataSources), ReadEnd.atLeastOneRecord(), scheduler),
                        c, p -> true, list -> ReadEssentialsResponse.newBuilder().addAllResponse(list).build()))
                .orElseGet(Flux::empty));
    }

    @Override
    protected Throwable onErrorMap(Throwable throwable) {
        return GrpcErrors.toStatus(throwable);
    }

    private List<TailPartition> plan(ConnectionDetails c) {
        Map<String, Long> starts = c.getSessionKey().isEmpty() ? Map.of()
                : sessions.get(c.getSessionKey()).map(SessionState::startOffsets).orElse(Map.of());
        return ReadPlan.streams(c, layout, dataSources, starts);
    }

    private static <R> Flux<R> read(Flux<List<LogEntry>> batches, ConnectionDetails c, Predicate<Packet> keep,
                                    Function<List<PacketResponse>, R> wrap) {
        String sessionKey = c.getSessionKey();
        return batches.concatMapIterable(batch -> chunks(batch, sessionKey, keep)).map(wrap);
    }

    private static List<List<PacketResponse>> chunks(List<LogEntry> batch, String sessionKey, Predicate<Packet> keep) {
        List<List<PacketResponse>> chunks = new ArrayList<>();
        List<PacketResponse> current = new ArrayList<>();
        int bytes = 0;
        for (LogEntry entry : batch) {
            // The session filter compares the Kafka key, never the inner Packet.session_key (spec §2.4).
            if (!sessionKey.isEmpty() && !sessionKey.equals(entry.key())) {
                continue;
            }
            Packet packet;
            try {
                packet = Packet.parseFrom(entry.value());
            } catch (InvalidProtocolBufferException e) {
                LOG.warn("Skipping {}:{} offset {}: not a Packet ({})", entry.topic(), entry.partition(), entry.offset(), e.getMessage());
                continue;
            }
            if (!keep.test(packet)) {
                continue;
            }
            PacketResponse response = PacketResponse.newBuilder()
                    .setPacket(packet)
                    .setStream(entry.stream())
                    .setSubmitTime(Timestamp.newBuilder()
                            .setSeconds(Math.floorDiv(entry.timestampMs(), 1000))
                            .setNanos(Math.floorMod(entry.timestampMs(), 1000) * 1_000_000))
                    .build();
            if (!current.isEmpty() && bytes + entry.value().length > MAX_RESPONSE_BYTES) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(response);
            bytes += entry.value().length;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
