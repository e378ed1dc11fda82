package io.slipstream.sink.streamapi;

import io.grpc.Status;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The answers of a session's Stream API that it could not write packets to Kafka. Such a packet fails the run
 * unless it was sent again and then confirmed on Kafka: the reason is kept for the error that says so.
 */
final class KafkaWriteFailures {

    /** What this project's Stream API answers a write call with when Kafka did not take some of its packets. */
    private static final String NOT_WRITTEN = "not written to Kafka";

    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<String> first = new AtomicReference<>();

    /**
     * @param error what a stream's call ended with
     * @return whether it says that the server could not write packets to Kafka (then it is recorded)
     */
    boolean record(String stream, Throwable error) {
        Status status = Status.fromThrowable(error);
        String description = status.getDescription();
        if (description == null || !description.contains(NOT_WRITTEN)) {
            return false;
        }
        count.incrementAndGet();
        first.compareAndSet(null, "stream '" + stream + "': " + status.getCode() + ": " + description);
        return true;
    }

    /** @return how many calls ended so */
    long count() {
        return count.get();
    }

    /** @return the first such answer, with its stream and status code; null when there was none */
    String first() {
        return first.get();
    }
}
