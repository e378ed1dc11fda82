package io.slipstream.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {

    private static final Set<String> BLOCK = Set.of("size", "span", "linger", "tolerance", "gaps");

    @Test
    void aTypoGetsTheNearestKnownKeyAndTheSortedList() {
        assertEquals("; did you mean 'size'? known: gaps, linger, size, span, tolerance",
                UnknownKeys.hint("sise", BLOCK));
        assertEquals("; did you mean 'linger'? known: gaps, linger, size, span, tolerance",
                UnknownKeys.hint("Linger", BLOCK));
        assertEquals("; did you mean 'tolerance'? known: gaps, linger, size, span, tolerance",
                UnknownKeys.hint("tollerence", BLOCK));
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsOnlyTheList() {
        assertEquals("; known: gaps, linger, size, span, tolerance", UnknownKeys.hint("colour", BLOCK));
        assertEquals("; known: ab", UnknownKeys.hint("xy", Set.of("ab")));
        assertEquals("; no keys are known here", UnknownKeys.hint("x", Set.of()));
    }

    @Test
    void checkThrowsForTheFirstUnknownKeyNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> UnknownKeys.check(section("size", "spam", "colour"), BLOCK));
        assertEquals("spam", e.key());
        assertEquals("spam: unknown key; did you mean 'span'? known: gaps, linger, size, span, tolerance", e.getMessage());
        UnknownKeys.check(section("size", "gaps"), BLOCK);
    }

    /** A section that has only keys: the check reads nothing else. */
    private static SourceConfig section(String... keys) {
        Set<String> present = new LinkedHashSet<>(List.of(keys));
        return new SourceConfig() {
            public Set<String> keys() { return present; }
            public Optional<String> string(String key) { return Optional.empty(); }
            public int getInt(String key, int def) { return def; }
            public long getLong(String key, long def) { return def; }
            public double getDouble(String key, double def) { return def; }
            public boolean getBoolean(String key, boolean def) { return def; }
            public Duration getDuration(String key, Duration def) { return def; }
            public Path getPath(String key, Path def) { return def; }
            public List<String> getList(String key) { return List.of(); }
            public List<Path> getPaths(String key) { return List.of(); }
            public List<SourceConfig> getConfigList(String key) { return List.of(); }
            public Optional<SourceConfig> getConfig(String key) { return Optional.empty(); }
            public ConfigException error(String key, String problem) { return new ConfigException(null, key, problem); }
        };
    }
}
