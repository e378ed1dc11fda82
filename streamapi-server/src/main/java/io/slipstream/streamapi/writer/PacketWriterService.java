package io.slipstream.streamapi.writer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.grpc.Status;
import io.slipstream.streamapi.grpc.GrpcErrors;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.ReactorPacketWriterServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketRequest;
import ma.streaming.api.v1.WriteDataPacketResponse;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.api.v1.WriteDataPacketsResponse;
import ma.streaming.api.v1.WriteInfoPacketRequest;
import ma.streaming.api.v1.WriteInfoPacketResponse;
import ma.streaming.api.v1.WriteInfoPacketsRequest;
import ma.streaming.api.v1.WriteInfoPacketsResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code ma.streaming.api.v1.PacketWriterService} (spec §1.3). Unlike the official server, which
 * answers before Kafka has seen the packet, every response here is sent once Kafka acknowledged the
 * packet(s), or an error status says what was not written. The streaming calls answer when the client
 * half-closes and all its packets are acknowledged (the official server never answers them).
 */
public final class PacketWriterService extends ReactorPacketWriterServiceGrpc.PacketWriterServiceImplBase {

    /** Packets of one streaming call in flight to Kafka at once; more waits (backpressure on the client). */
    private static final int IN_FLIGHT = 4096;

    private final PacketWriter writer;

    /** @param writer the packet router */
    public PacketWriterService(PacketWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<WriteDataPacketResponse> writeDataPacket(WriteDataPacketRequest request) {
        return Mono.fromFuture(() -> write(request.hasDetail() ? request.getDetail() : null))
                .thenReturn(WriteDataPacketResponse.getDefaultInstance());
    }

    @Override
    public Mono<WriteDataPacketsResponse> writeDataPackets(Flux<WriteDataPacketsRequest> requests) {
        return writeAll(requests.concatMapIterable(WriteDataPacketsRequest::getDetailsList), this::write,
                WriteDataPacketsResponse.getDefaultInstance());
    }

    @Override
    public Mono<WriteInfoPacketResponse> writeInfoPacket(WriteInfoPacketRequest request) {
        return Mono.fromFuture(() -> writeInfo(request.hasMessage(), request))
                .thenReturn(WriteInfoPacketResponse.getDefaultInstance());
    }

    @Override
    public Mono<WriteInfoPacketsResponse> writeInfoPackets(Flux<WriteInfoPacketsRequest> requests) {
        return writeAll(requests, r -> writeInfo(r.hasMessage(), r), WriteInfoPacketsResponse.getDefaultInstance());
    }

    @Override
    protected Throwable onErrorMap(Throwable throwable) {
        return GrpcErrors.toStatus(throwable);
    }

    private CompletableFuture<Void> write(DataPacketDetails detail) {
        if (detail == null || !detail.hasMessage()) {
            return writer.reject(GrpcErrors.missing(detail == null ? "WriteDataPacketRequest.detail" : "DataPacketDetails.message"));
        }
        return writer.writeData(detail.getDataSource(), detail.getStream(), detail.getSessionKey(), detail.getMessage());
    }

    private CompletableFuture<Void> writeInfo(boolean hasMessage, Object request) {
        if (!hasMessage) {
            return writer.reject(GrpcErrors.missing(request.getClass().getSimpleName() + ".message"));
        }
        return writer.writeInfo(request instanceof WriteInfoPacketRequest r ? r.getMessage() : ((WriteInfoPacketsRequest) request).getMessage());
    }

    /**
     * Sends the items in arrival order (so Kafka keeps their order per partition), lets up to
     * {@link #IN_FLIGHT} wait for their acknowledgement, and answers after the last one; if any failed,
     * the answer is an error status with the count and the first failure.
     */
    private static <T, R> Mono<R> writeAll(Flux<T> items, Function<T, CompletableFuture<Void>> send, R response) {
        return Mono.defer(() -> {
            AtomicLong total = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            AtomicReference<Throwable> first = new AtomicReference<>();
            return items
                    .flatMap(item -> {
                        total.incrementAndGet();
                        return Mono.fromFuture(send.apply(item)).onErrorResume(e -> {
                            failed.incrementAndGet();
                            first.compareAndSet(null, GrpcErrors.unwrap(e));
                            return Mono.empty();
                        });
                    }, IN_FLIGHT)
                    .then(Mono.defer(() -> {
                        if (failed.get() == 0) {
                            return Mono.just(response);
                        }
                        Status status = Status.fromThrowable(GrpcErrors.toStatus(first.get()));
                        return Mono.error(status.withDescription(failed.get() + " of " + total.get()
                                + " packets were not written to Kafka; first failure: " + status.getDescription()).asRuntimeException());
                    }));
        });
    }
}
