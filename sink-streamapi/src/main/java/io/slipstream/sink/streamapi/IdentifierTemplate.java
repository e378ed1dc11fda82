package io.slipstream.sink.streamapi;

import io.slipstream.spi.SessionMetadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a session identifier template such as {@code {track} - {car} - {date}}.
 *
 * <p>Placeholders: {@code {date}} (metadata start or now, {@code yyyy-MM-dd HH:mm:ss} UTC), {@code {sessionType}}
 * (the metadata's session type, else the sink's), and any metadata field by name ({@code {track}}, {@code {car}},
 * {@code {driver}}, {@code {origin}}, …). Unknown placeholders stay literal, so a typo shows in ATLAS instead of
 * vanishing.
 */
final class IdentifierTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
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
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
