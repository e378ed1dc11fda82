package io.slipstream.streamapi.limits;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.slipstream.streamapi.ServerSecurity;
import io.slipstream.streamapi.grpc.GrpcServers;
import ma.streaming.api.v1.Connection;
import ma.streaming.api.v1.ReactorPacketReaderServiceGrpc;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.ReadPacketsResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Readers beyond the server's reader pool fail at once with RESOURCE_EXHAUSTED instead of waiting for a thread, and
 * a cancelled reader gives its slot back. A real server on a real socket; the reader service is a stand-in that never
 * ends (unit test of the interceptor, so no Kafka).
 */
class CallLimitsTest {

    private static final int MAX_READERS = 2;

    private final AtomicInteger started = new AtomicInteger();
    private final CallLimits limits = new CallLimits(64, 16, MAX_READERS);
    private Server server;
    private ManagedChannel channel;
    private ReactorPacketReaderServiceGrpc.ReactorPacketReaderServiceStub reader;

    @BeforeEach
    void start() {
        ReactorPacketReaderServiceGrpc.PacketReaderServiceImplBase endless = new ReactorPacketReaderServiceGrpc.PacketReaderServiceImplBase() {
            @Override
            public Flux<ReadPacketsResponse> readPackets(ReadPacketsRequest request) {
                started.incrementAndGet();
                return Flux.never();
            }
        };
        server = GrpcServers.start("test", ServerSecurity.loopback(), 0, List.of(endless), List.of(limits));
        channel = NettyChannelBuilder.forTarget("127.0.0.1:" + server.getPort()).usePlaintext().build();
        reader = ReactorPacketReaderServiceGrpc.newReactorStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        GrpcServers.stop(server);
    }

    private Flux<ReadPacketsResponse> read() {
        return reader.readPackets(ReadPacketsRequest.newBuilder().setConnection(Connection.newBuilder().setId(1)).build());
    }

    @Test
    void aReaderBeyondThePoolFailsAtOnceAndACancelledOneGivesItsSlotBack() {
        Disposable first = read().subscribe();
        Disposable second = read().subscribe();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> started.get() == MAX_READERS);
            assertEquals(MAX_READERS, limits.readersOpen());
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> reader.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .readPackets(ReadPacketsRequest.getDefaultInstance()).blockFirst(Duration.ofSeconds(10)));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e::toString);
            assertTrue(e.getStatus().getDescription().contains("the server has 2 readers open"), e.getStatus().getDescription());
            assertEquals(1, limits.refused());
            assertEquals(MAX_READERS, started.get(), "the refused reader never reached the service");

            first.dispose();
            await().atMost(Duration.ofSeconds(30)).until(() -> limits.readersOpen() == MAX_READERS - 1);
            Disposable third = read().subscribe();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> started.get() == MAX_READERS + 1);
            } finally {
                third.dispose();
            }
        } finally {
            first.dispose();
            second.dispose();
        }
    }
}
