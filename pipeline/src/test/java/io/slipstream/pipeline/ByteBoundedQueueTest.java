package io.slipstream.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The hand-off bounded in bytes: what it admits, when it asks for more, and where the pressure goes. */
class ByteBoundedQueueTest {

    private static ByteBoundedQueue<Integer> queue(long capacity) {
        // The item is its own size in bytes; the immediate scheduler keeps every step on the test's thread.
        return new ByteBoundedQueue<>(capacity, 256, Integer::longValue, Schedulers.immediate());
    }

    @Test
    void aConsumerThatTakesNothingHoldsNoMoreBytesThanTheBoundThenEachTakeAdmitsWhatFits() {
        ByteBoundedQueue<Integer> q = queue(1_000);
        AtomicInteger produced = new AtomicInteger();
        Flux<Integer> items = Flux.range(0, 100).map(i -> 400).doOnNext(i -> produced.incrementAndGet());

        StepVerifier.create(q.apply(items), 0)
                .then(() -> {
                    // 400 + 400 fit in 1,000; the third waits, and one more sits in the admission's queue of one
                    assertEquals(800, q.bytes());
                    assertEquals(4, produced.get());
                })
                .thenRequest(1)
                .expectNext(400)
                .then(() -> {
                    assertEquals(800, q.bytes());
                    assertEquals(5, produced.get());
                })
                .thenRequest(98)
                .expectNextCount(98)
                .then(() -> assertEquals(400, q.bytes()))
                .thenRequest(1)
                .expectNext(400)
                .verifyComplete();
        assertEquals(0, q.bytes());
        assertEquals(100, produced.get());
    }

    @Test
    void anItemLargerThanTheBoundPassesAloneRatherThanWaitingForever() {
        ByteBoundedQueue<Integer> q = queue(1_000);

        StepVerifier.create(q.apply(Flux.just(5_000, 10, 6_000)), 0)
                .then(() -> assertEquals(5_000, q.bytes()))
                .thenRequest(1)
                .expectNext(5_000)
                .then(() -> assertEquals(10, q.bytes()))
                .thenRequest(1)
                .expectNext(10)
                .then(() -> assertEquals(6_000, q.bytes()))
                .thenRequest(1)
                .expectNext(6_000)
                .verifyComplete();
    }

    @Test
    void aFullQueueMakesTheBufferInFrontOfItDropByItsPolicyAndCountsEveryDrop() {
        ByteBoundedQueue<Integer> q = new ByteBoundedQueue<>(1_000, 256, i -> 400, Schedulers.immediate());
        List<Integer> dropped = new ArrayList<>();
        Flux<Integer> source = Flux.range(1, 1_000)
                .onBackpressureBuffer(10, dropped::add, BufferOverflowStrategy.DROP_OLDEST);

        StepVerifier.create(q.apply(source), 0)
                // 4 leave the buffer: 2 admitted (800 bytes), 1 waiting for room, 1 in the admission's queue of one;
                // the buffer keeps the newest 10, so the oldest of the rest are dropped: 1,000 - 4 - 10
                .then(() -> assertEquals(986, dropped.size()))
                .then(() -> assertEquals(List.of(5, 6, 7), dropped.subList(0, 3)))
                .thenRequest(Long.MAX_VALUE)
                .expectNext(1, 2, 3, 4)
                .expectNextCount(10)
                .verifyComplete();
        assertEquals(0, q.bytes());
    }

    @Test
    void aQueueWithoutRoomIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ByteBoundedQueue<Integer>(0, 1, Integer::longValue, Schedulers.immediate()));
    }
}
