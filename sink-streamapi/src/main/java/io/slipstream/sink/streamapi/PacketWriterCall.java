package io.slipstream.sink.streamapi;

import com.salesforce.reactorgrpc.stub.ClientCalls;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import ma.streaming.api.v1.PacketWriterServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.api.v1.WriteDataPacketsResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code PacketWriterService/WriteDataPackets} with requests that are already bytes: the generated method with its
 * request marshaller swapped for {@link PacketBatchMarshaller}. On the wire it is the same call; only the client
 * skips building messages. Flow control is reactor-grpc's, as with the generated stub.
 */
final class PacketWriterCall {

    /** The generated method descriptor, its requests marshalled from {@link PacketBatch}. */
    static final MethodDescriptor<PacketBatch, WriteDataPacketsResponse> WRITE_DATA_PACKETS;

    static {
        MethodDescriptor<WriteDataPacketsRequest, WriteDataPacketsResponse> generated =
                PacketWriterServiceGrpc.getWriteDataPacketsMethod();
        WRITE_DATA_PACKETS = generated.toBuilder(PacketBatchMarshaller.INSTANCE, generated.getResponseMarshaller())
                .build();
    }

    private PacketWriterCall() {
    }

    /**
     * Opens one client stream when subscribed.
     *
     * @param channel  the Stream API channel
     * @param requests the batches to send, requested as the transport is ready for them
     * @return the server's answer, when it ends the call
     */
    static Mono<WriteDataPacketsResponse> writeDataPackets(Channel channel, Flux<PacketBatch> requests) {
        return ClientCalls.manyToOne(requests, (StreamObserver<WriteDataPacketsResponse> response) ->
                io.grpc.stub.ClientCalls.asyncClientStreamingCall(
                        channel.newCall(WRITE_DATA_PACKETS, CallOptions.DEFAULT), response), CallOptions.DEFAULT);
    }
}
