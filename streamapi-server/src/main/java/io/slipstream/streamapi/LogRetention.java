package io.slipstream.streamapi;

import java.time.Duration;
import java.util.Locale;

/**
 * How long the embedded broker keeps records: forever by default, because the Stream API rebuilds its sessions and
 * data formats from them on every start (Kafka's own default of 7 days would delete the records a restarted server
 * needs, and the user's data with them). Becomes the broker's {@code log.retention.ms}, which every topic the Stream
 * API creates inherits.
 *
 * @param millis how long a record is kept, in milliseconds, or {@code -1} for forever (Kafka's own spelling)
 */
public record LogRetention(long millis) {

    /** The word {@link #parse} reads as forever. */
    public static final String FOREVER = "forever";

    /** Checks the value. */
    public LogRetention {
        if (millis != -1 && millis < 1) {
            throw new IllegalArgumentException("retention is " + millis + " ms, expected 1 ms or more, or forever");
        }
    }

    /** @return keep every record until the user removes it */
    public static LogRetention forever() {
        return new LogRetention(-1);
    }

    /**
     * @param duration how long to keep a record, at least 1 ms
     * @return that retention
     */
    public static LogRetention of(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("retention is " + duration + ", expected a positive duration or " + FOREVER);
        }
        return new LogRetention(duration.toMillis());
    }

    /** @return whether records are kept forever */
    public boolean isForever() {
        return millis == -1;
    }

    /** @return {@code forever}, or the duration as {@code 7d}, {@code 12h}, {@code 30m}, {@code 90s} or {@code 250ms} */
    public String describe() {
        if (isForever()) {
            return FOREVER;
        }
        Duration d = Duration.ofMillis(millis);
        if (d.toDaysPart() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "d";
        }
        if (d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "h";
        }
        if (d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "m";
        }
        if (d.equals(Duration.ofSeconds(d.toSeconds()))) {
            return d.toSeconds() + "s";
        }
        return String.format(Locale.ROOT, "%dms", millis);
    }
}
