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

    /**
     * How far ahead of the clock an observed key may be: a day of ticks, far more than clocks of two servers differ,
     * and with 2^63 ticks reached only in the year 29,228 no observed key leaves room for an overflow.
     */
    static final long MAX_AHEAD_TICKS = 24 * 3600 * 10_000_000L;

    private final AtomicLong last = new AtomicLong();

    /** @return a fresh lowercase GUID string */
    public String newStringKey() {
        return UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
    }

    /** @return the current UTC ticks, or one more than the last key handed out (or observed) if that is not larger */
    public long newNumericKey() {
        return last.accumulateAndGet(nowTicks(), (previous, candidate) -> Math.max(previous + 1, candidate));
    }

    /**
     * Makes sure later numeric keys are larger than one issued before (e.g. by an earlier run and
     * replayed from Kafka), so that ids never collide even if the clock went back. A key that cannot have been
     * issued by this algorithm (0, above 2^63 as an unsigned number, or more than {@link #MAX_AHEAD_TICKS} ahead of
     * the clock) is ignored: it came from a forged or corrupt record, and taking it would push every later key
     * towards {@link Long#MAX_VALUE}, where the next one would overflow.
     *
     * @param issued a key issued before
     * @return {@code false} when the key was ignored
     */
    public boolean observe(long issued) {
        if (issued <= 0 || issued > nowTicks() + MAX_AHEAD_TICKS) {
            return false;
        }
        last.accumulateAndGet(issued, Math::max);
        return true;
    }

    private static long nowTicks() {
        Instant now = Instant.now();
        return TICKS_AT_UNIX_EPOCH + now.getEpochSecond() * 10_000_000L + now.getNano() / 100;
    }
}
