package io.slipstream.streamapi.keys;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The official key algorithm (spec §5): string keys are random GUIDs in lowercase 8-4-4-4-12 form;
 * numeric keys are .NET UTC ticks (100 ns units since 0001-01-01), strictly increasing and never 0.
 */
public final class KeyGenerator {

    /** .NET ticks at the Unix epoch. */
    static final long TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000L;

    private final AtomicLong last = new AtomicLong();

    /** @return a fresh lowercase GUID string */
    public String newStringKey() {
        return UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
    }

    /** @return the current UTC ticks, or one more than the last key handed out (or observed) if that is not larger */
    public long newNumericKey() {
        Instant now = Instant.now();
        long ticks = TICKS_AT_UNIX_EPOCH + now.getEpochSecond() * 10_000_000L + now.getNano() / 100;
        return last.accumulateAndGet(ticks, (previous, candidate) -> Math.max(previous + 1, candidate));
    }

    /**
     * Makes sure later numeric keys are larger than one issued before (e.g. by an earlier run and
     * replayed from Kafka), so that ids never collide even if the clock went back.
     *
     * @param issued a key issued before
     */
    public void observe(long issued) {
        last.accumulateAndGet(issued, Math::max);
    }
}
