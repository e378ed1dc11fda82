package io.slipstream.streamapi.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class KeyGeneratorTest {

    @Test
    void numericKeysAreDotNetTicksAndStrictlyIncreasing() {
        KeyGenerator keys = new KeyGenerator();
        long before = KeyGenerator.TICKS_AT_UNIX_EPOCH + Instant.now().toEpochMilli() * 10_000L;
        long previous = keys.newNumericKey();
        assertTrue(previous >= before && previous < before + 600_000_000L, "ticks of now: " + previous + " vs " + before);
        for (int i = 0; i < 10_000; i++) {
            long next = keys.newNumericKey();
            assertTrue(next > previous, next + " after " + previous);
            previous = next;
        }
    }

    @Test
    void anObservedKeyFromTheFutureIsNeverHandedOutAgain() {
        KeyGenerator keys = new KeyGenerator();
        long future = keys.newNumericKey() + 10_000_000_000L;
        keys.observe(future);
        assertEquals(future + 1, keys.newNumericKey());
    }

    @Test
    void stringKeysAreLowercaseGuids() {
        String key = new KeyGenerator().newStringKey();
        assertTrue(Pattern.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", key), key);
    }
}
