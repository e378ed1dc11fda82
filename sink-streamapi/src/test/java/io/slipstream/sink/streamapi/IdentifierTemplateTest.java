package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.spi.SessionMetadata;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentifierTemplateTest {

    private static final String DEFAULT = "{track} - {car} - {date}";
    private static final Instant START = Instant.parse("2025-10-12T10:15:00Z");

    @Test
    void aKnownFieldTheSourceDoesNotHaveIsLeftOutWithItsSeparator() {
        SessionMetadata dateOnly = SessionMetadata.EMPTY.withStart(START);
        assertEquals("2025-10-12 10:15:00", IdentifierTemplate.render(DEFAULT, dateOnly, "Session", Instant.EPOCH));
        assertEquals("F3 - 2025-10-12 10:15:00",
                IdentifierTemplate.render(DEFAULT, dateOnly.with("car", "F3"), "Session", Instant.EPOCH));
        assertEquals("Monza - 2025-10-12 10:15:00",
                IdentifierTemplate.render(DEFAULT, dateOnly.with("track", "Monza"), "Session", Instant.EPOCH));
        assertEquals("Monza", IdentifierTemplate.render("{track} - {driver}", dateOnly.with("track", "Monza"), "S",
                Instant.EPOCH));
    }

    @Test
    void anUnknownPlaceholderStillShowsSoATypoIsSeen() {
        assertEquals("{trak} - 2025-10-12 10:15:00", IdentifierTemplate.render("{trak} - {car} - {date}",
                SessionMetadata.EMPTY.withStart(START), "Session", Instant.EPOCH));
    }
}
