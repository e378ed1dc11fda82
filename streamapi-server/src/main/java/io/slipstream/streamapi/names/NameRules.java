package io.slipstream.streamapi.names;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.layout.LegacyLayout;

/**
 * What a client may call a data source or a stream. Every name from a client becomes part of a Kafka topic name,
 * so it must follow Kafka's topic rules, and it must never name a topic the server or Kafka uses itself: the server
 * replays {@code SessionInfo} and every {@code *_essential} topic at start-up, so records a client could write
 * there would rewrite other sessions' state after a restart.
 *
 * <p>A data source is 1 to {@value #MAX_LENGTH} letters, digits, {@code _} or {@code -}. The dot is refused
 * because it separates a data source from its stream in topic-based names ({@code {ds}.{stream}}) and starts the
 * 2026 prefixes ({@code Sys.}, {@code Data.}, {@code Essential.}); a data source {@code A.B} would otherwise write
 * into stream {@code B} of data source {@code A}. Refused as well: names starting {@code __} (Kafka's internal
 * topics), ending {@code _essential} (another data source's essentials) and the server's own {@code SessionInfo},
 * {@code SystemStatus} and {@code Info}; these comparisons ignore case, as the file systems Kafka keeps topics on
 * may. {@value #MAX_LENGTH} keeps {@code {ds}_essential} and {@code {ds}.{stream}} within Kafka's 249.
 */
public final class NameRules {

    /** Longest data source or stream name: 120 + "." + 120 = 241 and 120 + "_essential" = 130 are below Kafka's 249. */
    public static final int MAX_LENGTH = 120;

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> RESERVED = List.of("SessionInfo", "SystemStatus", "Info");
    private static final List<String> RESERVED_PREFIXES = List.of("Sys.", "Data.", "Essential.");
    private static final String ESSENTIAL_SUFFIX = LegacyLayout.ESSENTIAL_SUFFIX;

    /** What a data source may be, appended to every refusal. */
    public static final String DATA_SOURCE_RULE = "allowed: 1 to " + MAX_LENGTH + " letters, digits, '_' or '-', not starting"
            + " with \"__\", not ending with \"_essential\", not SessionInfo, SystemStatus or Info (any case)";

    private NameRules() {
    }

    /**
     * @param dataSource a data source name from a client
     * @throws IllegalArgumentException saying what is wrong with it and what is allowed
     */
    public static void checkDataSource(String dataSource) {
        problemWithDataSource(dataSource).ifPresent(problem -> {
            throw new IllegalArgumentException("data source " + quote(dataSource) + " is refused: " + problem + "; " + DATA_SOURCE_RULE);
        });
    }

    /**
     * @param dataSource a data source name
     * @return what is wrong with it, empty when it is allowed
     */
    public static Optional<String> problemWithDataSource(String dataSource) {
        Optional<String> common = problemWithName(dataSource);
        if (common.isPresent()) {
            return common;
        }
        for (String reserved : RESERVED) {
            if (dataSource.equalsIgnoreCase(reserved)) {
                return Optional.of("the server's own topic " + reserved + " has that name");
            }
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (dataSource.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return Optional.of("names starting with \"" + prefix + "\" are reserved for the 2026 Stream API's own topics");
            }
        }
        return problemWithCharacters(dataSource);
    }

    /**
     * Checks a stream name of a data packet or a reader: "" is the main stream; in the partition-based layout any
     * other stream must have a partition mapping (an unmapped one used to land silently on the main stream), in the
     * topic-based layout it becomes part of the topic {@code {ds}.{stream}}.
     *
     * @param stream the stream name from a client
     * @param layout the layout that routes it
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static void checkStream(String stream, KafkaLayout layout) {
        if (stream.isEmpty()) {
            return;
        }
        Optional<String> problem = problemWithName(stream).or(() -> problemWithCharacters(stream));
        if (problem.isPresent()) {
            throw new IllegalArgumentException("stream " + quote(stream) + " is refused: " + problem.get() + "; allowed: \"\" for the main"
                    + " stream or 1 to " + MAX_LENGTH + " letters, digits, '_' or '-', not starting with \"__\", not ending with \"_essential\"");
        }
        if (!layout.topicBased() && !layout.isMapped(stream)) {
            throw new IllegalArgumentException("stream " + quote(stream) + " has no partition mapping on this server; allowed: \"\" for the"
                    + " main stream or one of " + layout.mappedStreams() + " (the server's partition mappings)");
        }
    }

    private static Optional<String> problemWithName(String name) {
        if (name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("it is " + name.length() + " characters long");
        }
        if (name.startsWith("__")) {
            return Optional.of("names starting with \"__\" are reserved for Kafka's internal topics");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(ESSENTIAL_SUFFIX)) {
            return Optional.of("names ending with \"" + ESSENTIAL_SUFFIX + "\" would write into another data source's essentials");
        }
        return Optional.empty();
    }

    private static Optional<String> problemWithCharacters(String name) {
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("it contains " + quote(name.replaceAll("[A-Za-z0-9_-]", "").codePoints().distinct()
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()));
        }
        return Optional.empty();
    }

    /** Quotes a client's name for a message, cut to 60 characters so that a huge name does not make a huge message. */
    private static String quote(String name) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
