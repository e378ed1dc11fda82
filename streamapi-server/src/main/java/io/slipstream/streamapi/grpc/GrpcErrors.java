package io.slipstream.streamapi.grpc;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.slipstream.streamapi.limits.LimitReachedException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import reactor.core.Exceptions;

/**
 * Turns server-side failures into gRPC statuses: bad input is INVALID_ARGUMENT, a limit reached (or a bounded
 * buffer overflowing) RESOURCE_EXHAUSTED, a Kafka or broker failure UNAVAILABLE, anything else INTERNAL; the
 * description always says what failed.
 */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    /** @param error a failure @return the status exception to send to the client */
    public static Throwable toStatus(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof StatusRuntimeException || cause instanceof StatusException) {
            return cause;
        }
        Status status;
        if (cause instanceof LimitReachedException || Exceptions.isOverflow(cause)) {
            status = Status.RESOURCE_EXHAUSTED;
        } else if (cause instanceof IllegalArgumentException) {
            status = Status.INVALID_ARGUMENT;
        } else if (cause instanceof IllegalStateException || cause instanceof KafkaException
                || cause instanceof TimeoutException) {
            status = Status.UNAVAILABLE;
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription(String.valueOf(cause.getMessage())).withCause(cause).asRuntimeException();
    }

    /** @param error a possibly wrapped failure @return the underlying cause */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** @param what the field that is missing @return an INVALID_ARGUMENT status exception naming it */
    public static StatusRuntimeException missing(String what) {
        return Status.INVALID_ARGUMENT.withDescription(what + " is missing").asRuntimeException();
    }
}
