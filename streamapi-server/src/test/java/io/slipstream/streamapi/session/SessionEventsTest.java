package io.slipstream.streamapi.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.slipstream.streamapi.limits.LimitReachedException;
import reactor.test.StepVerifier;

/** The notification buffer of one subscriber is bounded: falling further behind ends its stream, counted. */
class SessionEventsTest {

    private static SessionEvents.Event start(int i) {
        return new SessionEvents.Event("k" + i, "DS", true);
    }

    @Test
    void aSubscriberThatFallsMoreThanTheBufferBehindGetsTheBufferThenFailsAndIsCounted() {
        SessionEvents events = new SessionEvents(3);
        StepVerifier.create(events.events("DS", true), 0)
                .then(() -> {
                    for (int i = 0; i < 4; i++) {
                        events.emit(start(i));
                    }
                })
                .thenRequest(3)
                .expectNextSequence(List.of(start(0), start(1), start(2)))
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof LimitReachedException, e.toString());
                    assertTrue(e.getMessage().contains("fell 3 notifications behind"), e.getMessage());
                })
                .verify(Duration.ofSeconds(5));
        assertEquals(1, events.overflowed());
    }

    @Test
    void aSubscriberWithinTheBufferGetsEveryEventOfItsDataSourceOnly() {
        SessionEvents events = new SessionEvents(3);
        StepVerifier.create(events.events("DS", true), 0)
                .then(() -> {
                    for (int i = 0; i < 3; i++) {
                        events.emit(start(i));
                        events.emit(new SessionEvents.Event("other" + i, "Elsewhere", true));
                        events.emit(new SessionEvents.Event("stop" + i, "DS", false));
                    }
                })
                .thenRequest(3)
                .expectNextSequence(List.of(start(0), start(1), start(2)))
                .then(events::close)
                .verifyComplete();
        assertEquals(0, events.overflowed());
    }
}
