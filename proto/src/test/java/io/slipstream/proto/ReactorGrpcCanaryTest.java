package io.slipstream.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.slipstream.proto.canary.Ping;
import io.slipstream.proto.canary.Pong;
import io.slipstream.proto.canary.ReactorEchoGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Canary for reactor-grpc, a paused project we depend on: a bidi stream of 10,000 messages over a real Netty
 * socket, with the client's demand limiting what the server sends. A gRPC, protobuf or Reactor bump that breaks
 * reactor-grpc fails here first.
 */
class ReactorGrpcCanaryTest {

    private static final int COUNT = 10_000;
    private static final ByteString PAYLOAD = ByteString.copyFrom(new byte[4096]);

    /**
     * What may be ahead of the client's demand: reactive-grpc's prefetch on each side (512 messages), and the
     * HTTP/2 flow-control windows of the connection and the stream (1 MiB each by default) in 4 KiB messages.
     * Well under {@link #COUNT}, so a leak of demand shows.
     */
    private static final int IN_FLIGHT_BOUND = 2 * 512 + 2 * (1 << 20) / 4096;

    private final AtomicLong serverSent = new AtomicLong();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new ReactorEchoGrpc.EchoImplBase() {
                    @Override
                    public Flux<Pong> exchange(Flux<Ping> request) {
                        return request.map(p -> Pong.newBuilder().setSeq(p.getSeq()).setPayload(PAYLOAD).build())
                                .doOnNext(p -> serverSent.incrementAndGet());
                    }
                })
                .build()
                .start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void tenThousandMessagesRoundTripInOrder() {
        Flux<Ping> pings = Flux.range(0, COUNT).map(i -> Ping.newBuilder().setSeq(i).build());
        AtomicLong expected = new AtomicLong();
        StepVerifier.create(ReactorEchoGrpc.newReactorStub(channel).exchange(pings))
                .thenConsumeWhile(p -> p.getSeq() == expected.getAndIncrement())
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        assertEquals(COUNT, expected.get());
    }

    @Test
    void clientDemandHoldsTheServerBack() {
        Flux<Ping> pings = Flux.range(0, COUNT).map(i -> Ping.newBuilder().setSeq(i).build());
        StepVerifier.create(ReactorEchoGrpc.newReactorStub(channel).exchange(pings), 0)
                .thenRequest(5)
                .expectNextCount(5)
                .then(() -> {
                    // With demand 5 satisfied, the server cannot have pushed the whole 40 MB stream: reactor-grpc
                    // maps demand to gRPC flow control, so only what the prefetches and the transport windows
                    // hold can be in flight (IN_FLIGHT_BOUND says how much that is).
                    assertTrue(serverSent.get() <= 5 + IN_FLIGHT_BOUND,
                            "server sent " + serverSent.get() + " with demand 5");
                })
                .thenRequest(10)
                .expectNextCount(10)
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }
}
