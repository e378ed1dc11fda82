package io.slipstream.sink.streamapi;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import ma.streaming.api.v1.DataFormatManagerServiceGrpc;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.EndSessionResponse;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetCurrentSessionsResponse;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetEventDataFormatIdResponse;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdResponse;
import ma.streaming.api.v1.PacketWriterServiceGrpc;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.api.v1.WriteDataPacketsResponse;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.GenerateUniqueKeyResponse;
import ma.streaming.key_generator.v1.UniqueKeyGeneratorServiceGrpc;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;

/**
 * A Stream API + Key Generator on a real Netty loopback socket that records every call and packet, for unit tests.
 * It can stall its packet writers (stop asking gRPC for more messages), which is what a slow server looks like.
 */
final class RecordingStreamApi implements AutoCloseable {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<DataPacketDetails> packets = new CopyOnWriteArrayList<>();
    final List<CreateSessionRequest> creates = new CopyOnWriteArrayList<>();
    /** The session keys CreateSession handed out, in order. */
    final List<String> sessionKeys = new CopyOnWriteArrayList<>();
    final Map<String, List<Long>> formatRequests = new ConcurrentHashMap<>();
    private final AtomicLong nextFormat = new AtomicLong(1000);
    private final Map<String, Long> formats = new ConcurrentHashMap<>();
    private final List<ServerCallStreamObserver<WriteDataPacketsResponse>> writers = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private final Server server;

    RecordingStreamApi(int port, ServerCredentials creds) throws IOException {
        server = Grpc.newServerBuilderForPort(port, creds == null ? InsecureServerCredentials.create() : creds)
                .addService(new Sessions())
                .addService(new Formats())
                .addService(new Writer())
                .addService(new Keys())
                .build()
                .start();
    }

    RecordingStreamApi() throws IOException {
        this(0, null);
    }

    int port() {
        return server.getPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    /** @param stream a stream name @return the packets that arrived on it, in order */
    List<Packet> on(String stream) {
        List<Packet> out = new ArrayList<>();
        for (DataPacketDetails d : packets) {
            if (d.getStream().equals(stream)) {
                out.add(d.getMessage());
            }
        }
        return out;
    }

    void stall() {
        stalled = true;
    }

    void release() {
        stalled = false;
        writers.forEach(w -> w.request(1));
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Sessions extends SessionManagementServiceGrpc.SessionManagementServiceImplBase {
        @Override
        public void createSession(CreateSessionRequest r, StreamObserver<CreateSessionResponse> o) {
            calls.add("CreateSession");
            creates.add(r);
            String key = UUID.randomUUID().toString();
            sessionKeys.add(key);
            o.onNext(CreateSessionResponse.newBuilder().setSuccess(true).setSessionKey(key)
                    .setNewSession(NewSessionPacket.newBuilder().setDataSource(r.getDataSource())).build());
            o.onCompleted();
        }

        @Override
        public void endSession(EndSessionRequest r, StreamObserver<EndSessionResponse> o) {
            calls.add("EndSession");
            o.onNext(EndSessionResponse.newBuilder().setSuccess(true).build());
            o.onCompleted();
        }

        @Override
        public void getCurrentSessions(GetCurrentSessionsRequest r, StreamObserver<GetCurrentSessionsResponse> o) {
            o.onNext(GetCurrentSessionsResponse.newBuilder().setSuccess(true).build());
            o.onCompleted();
        }
    }

    private final class Formats extends DataFormatManagerServiceGrpc.DataFormatManagerServiceImplBase {
        @Override
        public void getParameterDataFormatId(GetParameterDataFormatIdRequest r,
                                             StreamObserver<GetParameterDataFormatIdResponse> o) {
            calls.add("GetParameterDataFormatId");
            long id = formats.computeIfAbsent(String.join(",", r.getParametersList()), k -> nextFormat.incrementAndGet());
            o.onNext(GetParameterDataFormatIdResponse.newBuilder().setDataFormatIdentifier(id).build());
            o.onCompleted();
        }

        @Override
        public void getEventDataFormatId(GetEventDataFormatIdRequest r, StreamObserver<GetEventDataFormatIdResponse> o) {
            calls.add("GetEventDataFormatId");
            long id = formats.computeIfAbsent("event " + r.getEvent(), k -> nextFormat.incrementAndGet());
            o.onNext(GetEventDataFormatIdResponse.newBuilder().setDataFormatIdentifier(id).build());
            o.onCompleted();
        }
    }

    private final class Writer extends PacketWriterServiceGrpc.PacketWriterServiceImplBase {
        @Override
        public StreamObserver<WriteDataPacketsRequest> writeDataPackets(StreamObserver<WriteDataPacketsResponse> o) {
            ServerCallStreamObserver<WriteDataPacketsResponse> call = (ServerCallStreamObserver<WriteDataPacketsResponse>) o;
            call.disableAutoRequest();
            writers.add(call);
            call.request(1);
            return new StreamObserver<>() {
                @Override
                public void onNext(WriteDataPacketsRequest r) {
                    packets.addAll(r.getDetailsList());
                    if (!stalled) {
                        call.request(1);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    writers.remove(call);
                }

                @Override
                public void onCompleted() {
                    writers.remove(call);
                    o.onNext(WriteDataPacketsResponse.getDefaultInstance());
                    o.onCompleted();
                }
            };
        }
    }

    private final class Keys extends UniqueKeyGeneratorServiceGrpc.UniqueKeyGeneratorServiceImplBase {
        @Override
        public void generateUniqueKey(GenerateUniqueKeyRequest r, StreamObserver<GenerateUniqueKeyResponse> o) {
            calls.add("GenerateUniqueKey");
            o.onNext(GenerateUniqueKeyResponse.newBuilder().setStringKey(UUID.randomUUID().toString()).build());
            o.onCompleted();
        }
    }
}
