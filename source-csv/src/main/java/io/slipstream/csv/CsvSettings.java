package io.slipstream.csv;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The validated options of one CSV source; null fields mean "detect".
 *
 * @param files       the files, replayed one after another
 * @param realtime    true: re-timed to now + offset and emitted at that moment; false: original stamps, on demand
 * @param timeColumn  the time column's name, null to detect, {@link #NO_TIME_COLUMN} when there is none
 * @param timeFormat  the time unit, null to detect
 * @param start       the start that relative times count from, or null (then the file's own, or now)
 * @param rateHz      sample rate without a time column; nominal rate hint with one; 0 when not given
 * @param delimiter   field separator, or null to detect
 * @param decimal     decimal separator, or null to detect
 * @param unitsRow    whether the row after the header holds units; null to detect
 * @param sidecar     a YAML file with channel metadata, or null
 * @param application the application part of channel identifiers
 * @param scanRange   whether to scan the files for min/max of channels that have no range configured
 * @param reportLimit how many problems of each kind per file are reported in full before a summary count
 * @param format      the logger format every file is read as, or null to recognise each by its signature
 * @param limits      the longest line and the highest gzip ratio accepted
 */
record CsvSettings(List<Path> files, boolean realtime, String timeColumn, TimeFormat timeFormat, Instant start,
                   double rateHz, Character delimiter, Character decimal, Boolean unitsRow, Path sidecar,
                   String application, boolean scanRange, int reportLimit, LogFormat format,
                   FileInput.Limits limits) {

    /** The {@code time-column} value that says the files have no time column. */
    static final String NO_TIME_COLUMN = "none";

    /** Copies the file list. */
    CsvSettings {
        files = List.copyOf(files);
    }

    /**
     * @param c the source options
     * @return the settings
     * @throws ConfigException naming the key of the first bad option
     */
    static CsvSettings from(SourceConfig c) {
        List<Path> files = files(c);
        boolean realtime = c.getEnum(SourceProvider.PACING_OPTION, "fast", "realtime", "fast").equals("realtime");
        String timeColumn = c.string("time-column").map(String::trim).filter(s -> !s.isEmpty() && !s.equals("auto"))
                .orElse(null);
        String unit = c.getEnum("time-unit", "auto", "auto", "s", "ms", "us", "ns", "iso", "clock");
        TimeFormat format = unit.equals("auto") ? null : TimeFormat.ofWord(unit);
        Instant start = null;
        if (c.has("start")) {
            try {
                start = Instant.ofEpochSecond(0, TimeFormat.ISO.parse(c.requireString("start"), '.'));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw c.error("start", "expected an ISO-8601 date-time such as 2024-05-01T14:00:00Z, found '"
                        + c.getString("start", "") + "'");
            }
        }
        double rate = c.getDouble("rate", 0);
        if (rate < 0 || rate > 1_000_000) {
            throw c.error("rate", "expected a rate in Hz from above 0 to 1000000, found " + rate);
        }
        if (NO_TIME_COLUMN.equalsIgnoreCase(timeColumn) && rate == 0) {
            throw c.error("rate", "is required when time-column is 'none': the sample rate in Hz");
        }
        Character delimiter = switch (c.getEnum("delimiter", "auto", "auto", ",", ";", "tab", "\t", "|")) {
            case "auto" -> null;
            case "tab", "\t" -> '\t';
            default -> c.requireString("delimiter").charAt(0);
        };
        Character decimal = switch (c.getEnum("decimal", "auto", "auto", ".", ",")) {
            case "auto" -> null;
            default -> c.requireString("decimal").charAt(0);
        };
        if (decimal != null && delimiter != null && decimal.equals(delimiter)) {
            throw c.error("decimal", "the decimal separator cannot be the delimiter '" + delimiter + "'");
        }
        String unitsRow = c.getEnum("units-row", "auto", "auto", "true", "false");
        String application = c.getString("application", "CSV").trim();
        if (application.isEmpty() || application.contains(":")) {
            throw c.error("application", "expected a non-empty name without ':', found '" + application + "'");
        }
        int limit = c.getInt("report-limit", 10);
        if (limit < 0) {
            throw c.error("report-limit", "expected 0 or more, found " + limit);
        }
        String formatName = c.getString("format", "auto").trim();
        LogFormat logFormat = formatName.equalsIgnoreCase("auto") ? null : LogFormat.named(formatName)
                .orElseThrow(() -> c.error("format", "expected auto or one of " + String.join(", ",
                        LogFormat.names()) + ", found '" + formatName + "'"));
        long maxLine = c.getLong("max-line", FileInput.Limits.DEFAULT.maxLineBytes());
        if (maxLine < 64 || maxLine > 256L << 20) {
            throw c.error("max-line", "expected a line length in bytes from 64 to 268435456, found " + maxLine);
        }
        int ratio = c.getInt("max-gzip-ratio", FileInput.Limits.DEFAULT.maxGzipRatio());
        if (ratio < 2) {
            throw c.error("max-gzip-ratio", "expected 2 or more, found " + ratio);
        }
        return new CsvSettings(files, realtime, timeColumn, format, start, rate, delimiter, decimal,
                unitsRow.equals("auto") ? null : Boolean.valueOf(unitsRow), c.getPath("sidecar", null), application,
                c.getBoolean("scan-range", true), limit, logFormat, new FileInput.Limits((int) maxLine, ratio));
    }

    private static List<Path> files(SourceConfig c) {
        List<Path> files = c.getPaths(SourceProvider.FILE_OPTION);
        if (files.isEmpty()) {
            throw c.error(SourceProvider.FILE_OPTION, "is required: a CSV file, or a list of them");
        }
        return files;
    }

    /** @return whether the files have no time column */
    boolean noTimeColumn() {
        return NO_TIME_COLUMN.equalsIgnoreCase(timeColumn);
    }
}
