package io.slipstream.sink.streamapi;

import io.grpc.Status;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * When a call to the Stream API or Key Generator is tried again: only when it failed as UNAVAILABLE or
 * DEADLINE_EXCEEDED (the server is away or slow, not refusing), after the capped exponential backoff of
 * {@link RetrySettings}, until its attempts run out. Anything else fails at once. Delays run on Reactor's
 * parallel scheduler, so tests drive them in virtual time.
 */
final class RetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    private final RetrySettings settings;
    private final Runnable beforeRetry;

    /**
     * @param settings    the backoff and the number of attempts
     * @param beforeRetry run after each delay, before the next attempt (the channels drop their own backoff)
     */
    RetryPolicy(RetrySettings settings, Runnable beforeRetry) {
        this.settings = settings;
        this.beforeRetry = beforeRetry;
    }

    /**
     * @param failure what a call failed with
     * @return whether another attempt may succeed
     */
    static boolean isTransient(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    }

    /**
     * @param what names the call and its address in logs and in the final error, e.g. {@code CreateSession on
     *             localhost:13579}
     * @param call makes one attempt; called again for each retry
     * @param <T>  the answer
     * @return the first answer, or an error naming {@code what}, the retries made and the last status
     */
    <T> Mono<T> call(String what, Supplier<Mono<T>> call) {
        return Mono.defer(call).retryWhen(Retry.from(signals -> signals.concatMap(s -> {
            Status st = Status.fromThrowable(s.failure());
            int attempt = (int) s.totalRetries() + 1;
            if (!isTransient(s.failure()) || !settings.allows(attempt)) {
                return Mono.error(new IllegalStateException(what + " failed after " + (attempt - 1) + " retries: "
                        + st.getCode() + (st.getDescription() != null ? " " + st.getDescription() : ""),
                        s.failure()));
            }
            Duration d = settings.delay(attempt);
            LOG.warn("{}: {} ({}); retry {} in {} ms", what, st.getCode(), st.getDescription(), attempt,
                    d.toMillis());
            return Mono.delay(d).doOnNext(x -> beforeRetry.run());
        })));
    }
}
