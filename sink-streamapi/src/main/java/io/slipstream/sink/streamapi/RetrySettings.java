package io.slipstream.sink.streamapi;

import java.time.Duration;

/**
 * Capped exponential backoff for reaching the Stream API and Key Generator, at start and after a connection loss.
 *
 * @param attempts how many retries before the sink gives up and fails; 0 retries forever
 * @param initial  the first delay
 * @param max      the cap on a delay
 */
public record RetrySettings(int attempts, Duration initial, Duration max) {

    /** Checks the values. */
    public RetrySettings {
        if (attempts < 0) {
            throw new IllegalArgumentException("retry attempts must be 0 (forever) or more, got " + attempts);
        }
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry delays must be positive with max >= initial, got "
                    + initial + " and " + max);
        }
    }

    /** @return 20 attempts, 200 ms doubling up to 5 s */
    public static RetrySettings defaults() {
        return new RetrySettings(20, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /**
     * @param attempt the retry number, from 1
     * @return the delay before that retry
     */
    public Duration delay(int attempt) {
        long ms = initial.toMillis();
        for (int i = 1; i < attempt && ms < max.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }

    /**
     * @param attempt the retry number, from 1
     * @return whether another retry is allowed
     */
    public boolean allows(int attempt) {
        return attempts == 0 || attempt <= attempts;
    }
}
