package io.slipstream.atlaskafka.inspect;

import java.time.Instant;

/** Sample times as violations show them: readable and exact, since two rows may be a nanosecond apart. */
final class Nanos {

    private Nanos() {
    }

    /** @param nanos nanoseconds since the Unix epoch @return e.g. {@code 2025-11-13T02:13:20.041Z (1763000000041000000 ns)} */
    static String describe(long nanos) {
        return Instant.ofEpochSecond(0, nanos) + " (" + nanos + " ns)";
    }
}
