package io.slipstream.sink.streamapi;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import ma.streaming.api.v1.PacketWriterServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.api.v1.WriteDataPacketsResponse;

/**
 * {@code PacketWriterService/WriteDataPackets} with requests that are already bytes: the generated method with its
 * request marshaller swapped for {@link PacketBatchMarshaller}. On the wire it is the same call; only the client
 * skips building messages.
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
     * Starts one client stream. The observer's {@code beforeStart} receives the request side, whose
     * {@code isReady()} and on-ready handler say when the transport takes more.
     *
     * @param channel  the Stream API channel
     * @param observer the answer's observer, and the owner of the request side
     */
    static void start(Channel channel, ClientResponseObserver<PacketBatch, WriteDataPacketsResponse> observer) {
        ClientCalls.asyncClientStreamingCall(channel.newCall(WRITE_DATA_PACKETS, CallOptions.DEFAULT), observer);
    }
}
