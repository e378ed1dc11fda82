package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SessionMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    @Test
    void readsEveryKeyOverTheDefaults() {
        SinkSettings s = SinkSettings.fromConfig(ConfigSection.of(Map.of(
                "stream-api", "embedded", "key-generator", "kg:1", "data-source", "Rig", "stream", "S2",
                "identifier", "{car}", "type", "Test", "confirm", true, "confirm-timeout", "5s", "kafka", "k:9092",
                "resend-buffer-bytes", "2MB")));
        assertEquals("embedded", s.streamApi());
        assertEquals("kg:1", s.keyGenerator());
        assertEquals("Rig", s.dataSource());
        assertEquals("S2", s.stream());
        assertEquals("Test", s.sessionType());
        assertTrue(s.confirm());
        assertEquals(Duration.ofSeconds(5), s.confirmTimeout());
        assertEquals("k:9092", s.kafkaBootstrap());
        assertEquals(2L << 20, s.resendBufferBytes());
        assertNull(s.tls());
        SinkSettings d = SinkSettings.fromConfig(ConfigSection.of(Map.of()));
        assertEquals(SinkSettings.defaults(), d);
        assertEquals("localhost:13579", d.streamApi());
        assertEquals("localhost:15379", d.keyGenerator());
    }

    @Test
    void tlsSectionAndItsErrors() {
        SinkSettings s = SinkSettings.fromConfig(ConfigSection.of(Map.of("tls",
                Map.of("ca", "ca.pem", "cert", "c.pem", "key", "c.key"))));
        assertEquals(Path.of("ca.pem"), s.tls().ca());
        assertTrue(s.tls().mutual());
        ConfigException e = assertThrows(ConfigException.class, () -> SinkSettings.fromConfig(
                ConfigSection.of(Map.of("tls", Map.of("cert", "c.pem")))));
        assertEquals("tls.key", e.key());
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SinkSettings.fromConfig(ConfigSection.of(Map.of("strem", "x"))));
        assertEquals("strem", e.key());
        assertTrue(e.getMessage().startsWith("strem: unknown key; did you mean 'stream'? known: "), e.getMessage());
        assertTrue(e.getMessage().contains("stream-api"), e.getMessage());
        assertEquals("resend-buffer-bytes", assertThrows(ConfigException.class, () -> SinkSettings.fromConfig(
                ConfigSection.of(Map.of("resend-buffer-bytes", "lots")))).key());
        assertEquals("confirm", assertThrows(ConfigException.class, () -> SinkSettings.fromConfig(
                ConfigSection.of(Map.of("confirm", "maybe")))).key());
    }

    @Test
    void identifierTemplateFillsKnownPlaceholdersAndKeepsUnknownOnes() {
        SessionMetadata m = SessionMetadata.EMPTY.with("track", "Monza").with("car", "F3").with("driver", "Ann")
                .with("weather", "dry").withStart(Instant.parse("2026-03-04T05:06:07Z"));
        assertEquals("Monza - F3 - Ann - 2026-03-04 05:06:07 - dry - Session - {nope}", IdentifierTemplate.render(
                "{track} - {car} - {driver} - {date} - {weather} - {sessionType} - {nope}", m, "Session",
                Instant.EPOCH));
        assertEquals("1970-01-01 00:00:00", IdentifierTemplate.render("{date}", SessionMetadata.EMPTY, "S",
                Instant.EPOCH));
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetrySettings r = new RetrySettings(3, Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(Duration.ofMillis(100), r.delay(1));
        assertEquals(Duration.ofMillis(200), r.delay(2));
        assertEquals(Duration.ofMillis(350), r.delay(3));
        assertTrue(r.allows(3));
        assertTrue(!r.allows(4));
    }

    @Test
    void maxPacketBytesDefaultsUnderTheOfficialServersFourMegabytesAndNamesItsKeyWhenTooSmall() {
        assertEquals(3 << 20, SinkSettings.defaults().maxPacketBytes());
        assertEquals(1 << 20, SinkSettings.fromConfig(ConfigSection.of(Map.of("max-packet-bytes", "1MB")))
                .maxPacketBytes());
        ConfigException e = assertThrows(ConfigException.class, () -> SinkSettings.fromConfig(
                ConfigSection.of(Map.of("max-packet-bytes", "1KB"))));
        assertEquals("max-packet-bytes", e.key());
        assertTrue(e.getMessage().contains("expected a size from 4096 bytes to 512MB, found 1024 bytes"),
                e.getMessage());
    }
}
