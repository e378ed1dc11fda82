package io.slipstream.streamapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import ma.streaming.api.v1.ConnectionManagerServiceGrpc;
import ma.streaming.api.v1.DataFormatManagerServiceGrpc;
import ma.streaming.api.v1.Connection;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.DataPacketRequest;
import ma.streaming.api.v1.PacketResponse;
import ma.streaming.api.v1.ReadDataPacketsRequest;
import ma.streaming.api.v1.ReadDataPacketsResponse;
import ma.streaming.api.v1.PacketWriterServiceGrpc;
import ma.streaming.api.v1.ReactorPacketReaderServiceGrpc;
import ma.streaming.api.v1.ReactorPacketWriterServiceGrpc;
import ma.streaming.api.v1.ReactorSessionManagementServiceGrpc;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketRequest;
import ma.streaming.key_generator.v1.UniqueKeyGeneratorServiceGrpc;
import ma.streaming.open_data.v1.Packet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A test client of the stack that uses only our generated stubs over real loopback sockets, plus a plain Kafka reader. */
final class StackClient implements AutoCloseable {

    final ManagedChannel api;
    final ManagedChannel keyChannel;
    final SessionManagementServiceGrpc.SessionManagementServiceBlockingStub sessions;
    final ReactorSessionManagementServiceGrpc.ReactorSessionManagementServiceStub reactiveSessions;
    final PacketWriterServiceGrpc.PacketWriterServiceBlockingStub writer;
    final ReactorPacketWriterServiceGrpc.ReactorPacketWriterServiceStub reactiveWriter;
    final DataFormatManagerServiceGrpc.DataFormatManagerServiceBlockingStub formats;
    final ConnectionManagerServiceGrpc.ConnectionManagerServiceBlockingStub connections;
    final ReactorPacketReaderServiceGrpc.ReactorPacketReaderServiceStub reader;
    final UniqueKeyGeneratorServiceGrpc.UniqueKeyGeneratorServiceBlockingStub keys;

    /** Every unary call gets 60 s from its own start; streaming calls are bounded by the tests themselves. */
    private static final ClientInterceptor UNARY_DEADLINE = new ClientInterceptor() {
        @Override
        public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            CallOptions bounded = method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null
                    ? options.withDeadlineAfter(60, TimeUnit.SECONDS) : options;
            return next.newCall(method, bounded);
        }
    };

    StackClient(String streamApiAddress, String keyGeneratorAddress) {
        api = NettyChannelBuilder.forTarget(streamApiAddress).usePlaintext().maxInboundMessageSize(8 * 1024 * 1024)
                .intercept(UNARY_DEADLINE).build();
        keyChannel = NettyChannelBuilder.forTarget(keyGeneratorAddress).usePlaintext().intercept(UNARY_DEADLINE).build();
        sessions = SessionManagementServiceGrpc.newBlockingStub(api);
        reactiveSessions = ReactorSessionManagementServiceGrpc.newReactorStub(api);
        writer = PacketWriterServiceGrpc.newBlockingStub(api);
        reactiveWriter = ReactorPacketWriterServiceGrpc.newReactorStub(api);
        formats = DataFormatManagerServiceGrpc.newBlockingStub(api);
        connections = ConnectionManagerServiceGrpc.newBlockingStub(api);
        reader = ReactorPacketReaderServiceGrpc.newReactorStub(api);
        keys = UniqueKeyGeneratorServiceGrpc.newBlockingStub(keyChannel);
    }

    /** Writes one packet as the official Python sample does: unary, the same session key inside and out. */
    void write(String dataSource, String stream, String sessionKey, Packet packet) {
        writer.writeDataPacket(WriteDataPacketRequest.newBuilder()
                .setDetail(DataPacketDetails.newBuilder().setDataSource(dataSource).setStream(stream)
                        .setSessionKey(sessionKey).setMessage(packet))
                .build());
    }

    /** How long a live read waits for its first packet. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** A live read ends after this long without a new packet: nothing more is expected by then. */
    static final Duration QUIET = Duration.ofSeconds(2);

    /**
     * ReadDataPackets on a connection, until one packet more than expected arrives or the reader stays quiet: the
     * result shows both a missing and an extra packet.
     */
    List<Packet> readData(long connection, DataPacketRequest.Builder request, int expected) {
        return reader.readDataPackets(ReadDataPacketsRequest.newBuilder()
                        .setRequest(request.setConnection(Connection.newBuilder().setId(connection))).build())
                .flatMapIterable(ReadDataPacketsResponse::getResponseList)
                .map(PacketResponse::getPacket)
                .take(expected + 1)
                .timeout(Mono.delay(READ_TIMEOUT), item -> Mono.delay(QUIET), Flux.empty())
                .collectList()
                .block(READ_TIMEOUT.plusSeconds(5));
    }

    /** Reads a partition straight from Kafka, from an offset to the end it has now. */
    static List<ConsumerRecord<String, byte[]>> readKafka(String bootstrap, TopicPartition tp, long from) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.seek(tp, from);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + tp + " up to " + end + " within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() throws InterruptedException {
        api.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        keyChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
