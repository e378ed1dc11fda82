package io.slipstream.streamapi.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Ids replayed from Kafka may be forged: none of them can push the generator to an overflow. */
class ForgedKeysTest {

    @Test
    void keysNoIssuerCouldHaveIssuedAreIgnored() {
        KeyGenerator keys = new KeyGenerator();
        long before = keys.newNumericKey();
        for (long forged : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, -1L, Long.MIN_VALUE, 0L,
                before + KeyGenerator.MAX_AHEAD_TICKS + 10_000_000_000L}) {
            assertFalse(keys.observe(forged), "ignored: " + Long.toUnsignedString(forged));
        }
        long next = keys.newNumericKey();
        assertTrue(next > before && next < before + 10_000_000_000L, "still near the clock: " + next + " after " + before);
    }

    @Test
    void aKeyWithinADayAheadIsFollowed() {
        KeyGenerator keys = new KeyGenerator();
        long ahead = keys.newNumericKey() + KeyGenerator.MAX_AHEAD_TICKS / 2;
        assertTrue(keys.observe(ahead));
        assertTrue(keys.newNumericKey() == ahead + 1);
    }
}
