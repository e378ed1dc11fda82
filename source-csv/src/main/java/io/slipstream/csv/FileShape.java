package io.slipstream.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a logger format says about one file before its rows are read.
 *
 * @param format          the format's name
 * @param charset         how the text is encoded
 * @param headerLine      physical lines before the header row (the preamble, blank lines included)
 * @param unitsRecord     which record after the header holds units (1 = the next), 0 for none, -1 to detect
 * @param skipAfterHeader records after the header that hold no data (units, sources, channel numbers)
 * @param columns         the columns when the format reads the header itself, else null (from the header row)
 * @param timeColumn      the time column's name, or null to detect
 * @param timeFormat      how its cells are written, or null to detect
 * @param sinceMidnight   whether times are seconds since midnight of the start's day
 * @param start           when the file's relative times count from, or null
 * @param metadata        session details: track, car, driver, logger, version, ...
 * @param lapColumn       a column that holds the lap number, or null
 * @param lapEnds         lap ends (beacon markers) in ns from the time origin, empty when none
 * @param blankIsAbsent   whether an empty cell means "no sample here" (several rates in one file), not a bad cell
 * @param absentWords     cell texts that also mean "no sample here", such as {@code -}
 * @param kind            how values sit in rows
 */
record FileShape(String format, Charset charset, int headerLine, int unitsRecord, int skipAfterHeader,
                 List<Column> columns, String timeColumn, TimeFormat timeFormat, boolean sinceMidnight,
                 Instant start, Map<String, String> metadata, String lapColumn, List<Long> lapEnds,
                 boolean blankIsAbsent, Set<String> absentWords, Kind kind) {

    /** Session detail keys beyond {@link io.slipstream.spi.SessionMetadata}'s own. */
    static final String LOGGER = "logger";
    /** The logger's or app's version. */
    static final String VERSION = "loggerVersion";

    /** How values sit in rows. */
    enum Kind {
        /** One column per channel, one time per row. */
        WIDE,
        /** One column per channel, each with its own time column before it. */
        TIME_PER_CHANNEL,
        /** One sample per row: time, channel name, value, units. */
        LONG
    }

    /** Copies the collections. */
    FileShape {
        columns = columns == null ? null : List.copyOf(columns);
        metadata = Map.copyOf(metadata);
        lapEnds = List.copyOf(lapEnds);
        absentWords = Set.copyOf(absentWords);
    }

    /**
     * @param format the format's name
     * @return a UTF-8, wide shape with the header on the first line and everything else detected
     */
    static FileShape plain(String format) {
        return new FileShape(format, StandardCharsets.UTF_8, 0, -1, -1, null, null, null, false, null, Map.of(),
                null, List.of(), false, Set.of(), Kind.WIDE);
    }

    FileShape withHeader(int line, int units, int skip) {
        return new FileShape(format, charset, line, units, skip, columns, timeColumn, timeFormat, sinceMidnight,
                start, metadata, lapColumn, lapEnds, blankIsAbsent, absentWords, kind);
    }

    FileShape withTime(String column, TimeFormat f, Instant from) {
        return new FileShape(format, charset, headerLine, unitsRecord, skipAfterHeader, columns, column, f,
                sinceMidnight, from, metadata, lapColumn, lapEnds, blankIsAbsent, absentWords, kind);
    }

    FileShape withMetadata(Map<String, String> m) {
        return new FileShape(format, charset, headerLine, unitsRecord, skipAfterHeader, columns, timeColumn,
                timeFormat, sinceMidnight, start, m, lapColumn, lapEnds, blankIsAbsent, absentWords, kind);
    }

    FileShape withLaps(String column, List<Long> ends) {
        return new FileShape(format, charset, headerLine, unitsRecord, skipAfterHeader, columns, timeColumn,
                timeFormat, sinceMidnight, start, metadata, column, ends, blankIsAbsent, absentWords, kind);
    }

    FileShape withCells(Charset cs, boolean blankAbsent, Set<String> absent, Kind k) {
        return new FileShape(format, cs, headerLine, unitsRecord, skipAfterHeader, columns, timeColumn,
                timeFormat, sinceMidnight, start, metadata, lapColumn, lapEnds, blankAbsent, absent, k);
    }

    FileShape withColumns(List<Column> c, boolean midnight) {
        return new FileShape(format, charset, headerLine, unitsRecord, skipAfterHeader, c, timeColumn,
                timeFormat, midnight, start, metadata, lapColumn, lapEnds, blankIsAbsent, absentWords, kind);
    }
}
