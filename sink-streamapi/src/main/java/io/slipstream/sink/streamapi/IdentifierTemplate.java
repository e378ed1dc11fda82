package io.slipstream.sink.streamapi;

import io.slipstream.spi.SessionMetadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a session identifier template such as {@code {track} - {car} - {date}}.
 *
 * <p>Placeholders: {@code {date}} (metadata start or now, {@code yyyy-MM-dd HH:mm:ss} UTC), {@code {sessionType}}
 * (the metadata's session type, else the sink's), and any metadata field by name ({@code {track}}, {@code {car}},
 * {@code {driver}}, {@code {origin}}, …). Unknown placeholders stay literal, so a typo shows in ATLAS instead of
 * vanishing. A known field the source does not have (a logger file with no track) is left out together with one
 * {@code " - "} beside it, so {@code {track} - {car} - {date}} of a file with only a date reads as the date, not as
 * {@code {track} - {car} - 2025-10-12 10:15:00}.
 */
final class IdentifierTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
    private static final Set<String> KNOWN = Set.of(SessionMetadata.TRACK, SessionMetadata.CAR, SessionMetadata.DRIVER,
            SessionMetadata.ORIGIN);
    private static final char ABSENT = '\u0000';
    private static final Pattern ABSENT_WITH_SEPARATOR = Pattern.compile("\u0000\\s*-\\s*|\\s*-\\s*\u0000|\u0000");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private IdentifierTemplate() {
    }

    /**
     * @param template    the template
     * @param metadata    what the source knows
     * @param sessionType the sink's session type, used when the metadata has none
     * @param now         the time used when the metadata has no start
     * @return the identifier
     */
    static String render(String template, SessionMetadata metadata, String sessionType, Instant now) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "date" -> DATE.format(metadata.start() != null ? metadata.start() : now);
                case SessionMetadata.SESSION_TYPE -> metadata.get(name) != null ? metadata.get(name) : sessionType;
                default -> metadata.get(name);
            };
            String filled = value != null ? value : KNOWN.contains(name) ? String.valueOf(ABSENT) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(filled));
        }
        m.appendTail(out);
        return ABSENT_WITH_SEPARATOR.matcher(out).replaceAll("").strip();
    }
}
