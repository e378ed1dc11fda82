package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the head of a file (a bounded number of lines, whatever the file's size) and works out its layout:
 * delimiter, decimal separator, units row, time column and unit, text columns, nominal rate. Fatal problems
 * (unreadable, empty, no such time column, no data) are thrown here, before anything is emitted.
 */
final class LayoutInspector {

    /** Data rows looked at for detection. */
    static final int SAMPLE_ROWS = 64;
    private static final int SAMPLE_LINES = 12;
    private static final char[] DELIMITERS = {'\t', ';', ',', '|'};
    private static final Pattern TIME_NAME =
            Pattern.compile("(?i)(time|timestamp|t|datetime|date_time|time_stamp)(?:[_ ]?(s|ms|us|ns))?");
    private static final Pattern PREAMBLE = Pattern.compile("^#\\s*([A-Za-z][\\w-]*)\\s*[:=]\\s*(.*?)\\s*$");

    private final CsvSettings settings;

    LayoutInspector(CsvSettings settings) {
        this.settings = settings;
    }

    /**
     * @param path the file
     * @return its layout
     * @throws CsvFileException when the file cannot be replayed
     */
    CsvLayout inspect(Path path) {
        Map<String, String> preamble = new LinkedHashMap<>();
        List<String> lines = headLines(path, preamble);
        if (lines.isEmpty()) {
            throw new CsvFileException(path + ": the file is empty; expected a header row of channel names");
        }
        char delimiter = settings.delimiter() != null ? settings.delimiter() : detectDelimiter(lines);
        try (CsvReader<CsvRecord> reader = FileInput.records(path, delimiter)) {
            Iterator<CsvRecord> it = reader.iterator();
            List<String> header = it.next().getFields();
            List<CsvRecord> rows = new ArrayList<>();
            while (rows.size() < SAMPLE_ROWS + 1 && it.hasNext()) {
                rows.add(it.next());
            }
            return layout(path, delimiter, header, rows, preamble);
        } catch (IOException | UncheckedIOException | CsvParseException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> headLines(Path path, Map<String, String> preamble) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(FileInput.open(path), StandardCharsets.UTF_8))) {
            String line;
            while (lines.size() < SAMPLE_LINES && (line = r.readLine()) != null) {
                if (lines.isEmpty() && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.startsWith("#")) {
                    Matcher m = PREAMBLE.matcher(line);
                    if (lines.isEmpty() && m.matches()) {
                        preamble.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
                    }
                } else if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return lines;
    }

    /** The first of tab, semicolon, comma, bar that splits the header and most rows into the same count. */
    static char detectDelimiter(List<String> lines) {
        for (char d : DELIMITERS) {
            int headerCount = countOutsideQuotes(lines.get(0), d);
            if (headerCount == 0) {
                continue;
            }
            long same = lines.stream().filter(l -> countOutsideQuotes(l, d) == headerCount).count();
            if (same * 5 >= lines.size() * 4L) {
                return d;
            }
        }
        return ',';
    }

    private static int countOutsideQuotes(String line, char d) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == d && !quoted) {
                n++;
            }
        }
        return n;
    }

    private CsvLayout layout(Path path, char delimiter, List<String> headerCells, List<CsvRecord> rows,
                             Map<String, String> preamble) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < headerCells.size(); i++) {
            columns.add(Column.of(i, headerCells.get(i)));
        }
        List<String> renamed = makeUnique(columns);
        Column time = timeColumn(path, columns);
        boolean unitsRow = settings.unitsRow() != null ? settings.unitsRow()
                : !rows.isEmpty() && looksLikeUnits(rows.get(0), time);
        if (unitsRow && !rows.isEmpty()) {
            CsvRecord units = rows.remove(0);
            for (int i = 0; i < columns.size() && i < units.getFieldCount(); i++) {
                columns.set(i, columns.get(i).withUnits(units.getField(i)));
            }
            time = time == null ? null : columns.get(time.index());
        } else if (rows.size() > SAMPLE_ROWS) {
            rows.remove(rows.size() - 1);
        }
        if (rows.isEmpty()) {
            throw new CsvFileException(path + ": no data rows after the header" + (unitsRow ? " and units row" : ""));
        }
        char decimal = settings.decimal() != null ? settings.decimal() : detectDecimal(delimiter, rows);
        TimeFormat format = null;
        boolean absolute = false;
        long first = 0;
        double rate = settings.rateHz();
        if (time != null) {
            format = timeFormat(path, time, rows.get(0), decimal);
            first = parseTime(path, time, format, rows.get(0), decimal);
            absolute = format == TimeFormat.ISO || Math.abs(first) >= TimeFormat.EPOCH_THRESHOLD_NANOS;
            if (rate == 0) {
                rate = inferRate(time, format, rows, decimal);
            }
        }
        List<Column> channels = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (Column c : columns) {
            if (time != null && c.index() == time.index()) {
                continue;
            }
            if (isText(c, rows, decimal)) {
                text.add(c.name());
            } else {
                channels.add(c);
            }
        }
        Instant fileStart = null;
        String s = preamble.remove("start");
        if (s != null) {
            try {
                fileStart = Instant.ofEpochSecond(0, TimeFormat.ISO.parse(s, '.'));
            } catch (IllegalArgumentException e) {
                throw new CsvFileException(path + ":1: preamble start '" + s + "' is not an ISO-8601 date-time");
            }
        }
        return new CsvLayout(path, delimiter, decimal, columns.size(), time, format, absolute, unitsRow, channels,
                text, renamed, fileStart, preamble, rate, first);
    }

    /**
     * Gives a name that appears again in the header a suffix, {@code _2}, {@code _3}, ... (loggers export two
     * {@code Temp} columns more often than one would think); ATLAS needs unique identifiers, and refusing the file
     * would lose every good column with it.
     *
     * @return one note per renamed column, for the source to report
     */
    private static List<String> makeUnique(List<Column> columns) {
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        columns.forEach(c -> firstIndex.putIfAbsent(c.name(), c.index()));
        List<String> notes = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            int n = seen.merge(c.name(), 1, Integer::sum);
            if (n == 1) {
                continue;
            }
            String renamed = c.name() + "_" + n;
            while (firstIndex.containsKey(renamed)) {
                renamed = renamed + "_" + n;
            }
            firstIndex.put(renamed, c.index());
            notes.add("column " + (c.index() + 1) + " is named '" + c.name() + "' like column "
                    + (firstIndex.get(c.name()) + 1) + "; replayed as '" + renamed + "'");
            columns.set(i, new Column(c.index(), renamed, c.units()));
        }
        return notes;
    }

    private Column timeColumn(Path path, List<Column> columns) {
        if (settings.noTimeColumn()) {
            return null;
        }
        String wanted = settings.timeColumn();
        if (wanted != null) {
            for (Column c : columns) {
                if (c.name().equals(wanted)) {
                    return c;
                }
            }
            for (Column c : columns) {
                if (c.name().equalsIgnoreCase(wanted)) {
                    return c;
                }
            }
            throw new CsvFileException(path + ":1: no time column '" + wanted + "' in the header (columns: "
                    + String.join(", ", columns.stream().map(Column::name).toList()) + ")");
        }
        for (Column c : columns) {
            if (TIME_NAME.matcher(c.name()).matches()) {
                return c;
            }
        }
        if (settings.rateHz() > 0) {
            return null;
        }
        throw new CsvFileException(path + ":1: no time column found (looked for time, timestamp, t; columns: "
                + String.join(", ", columns.stream().map(Column::name).toList())
                + "); set time-column to its name, or time-column: none with a rate");
    }

    private static boolean looksLikeUnits(CsvRecord row, Column time) {
        boolean anyText = false;
        for (int i = 0; i < row.getFieldCount(); i++) {
            String cell = row.getField(i).strip();
            if (Cells.isNumber(cell, '.') || Cells.isNumber(cell, ',')) {
                return false;
            }
            anyText |= !cell.isEmpty() && (time == null || i != time.index());
        }
        return anyText;
    }

    private static char detectDecimal(char delimiter, List<CsvRecord> rows) {
        if (delimiter == ',') {
            return '.';
        }
        boolean comma = false;
        for (CsvRecord r : rows) {
            for (String cell : r.getFields()) {
                String t = cell.strip();
                if (t.matches("[-+]?\\d*\\.\\d+")) {
                    return '.';
                }
                comma |= t.matches("[-+]?\\d*,\\d+");
            }
        }
        return comma ? ',' : '.';
    }

    private TimeFormat timeFormat(Path path, Column time, CsvRecord first, char decimal) {
        if (settings.timeFormat() != null) {
            return settings.timeFormat();
        }
        Matcher m = TIME_NAME.matcher(time.name());
        if (m.matches() && m.group(2) != null) {
            return TimeFormat.ofWord(m.group(2));
        }
        if (time.units() != null && TimeFormat.ofWord(time.units()) != null) {
            return TimeFormat.ofWord(time.units());
        }
        String cell = cell(first, time.index());
        if (Cells.isNumber(cell, decimal)) {
            double v = Cells.parse(cell, decimal);
            // An epoch number says its unit by its size: ns ~1e18, us ~1e15, ms ~1e12, s ~1e9; small numbers are
            // seconds since the start.
            return v >= 1e17 ? TimeFormat.NANOS : v >= 1e14 ? TimeFormat.MICROS : v >= 1e11 ? TimeFormat.MILLIS
                    : TimeFormat.SECONDS;
        }
        for (TimeFormat f : new TimeFormat[] {TimeFormat.ISO, TimeFormat.CLOCK}) {
            try {
                f.parse(cell, decimal);
                return f;
            } catch (IllegalArgumentException e) {
                // try the next
            }
        }
        throw new CsvFileException(path + ":" + first.getStartingLineNumber() + ": time column '" + time.name()
                + "' holds '" + cell + "', neither a number, an ISO-8601 date-time nor a time of day hh:mm:ss;"
                + " set time-unit");
    }

    private static long parseTime(Path path, Column time, TimeFormat format, CsvRecord row, char decimal) {
        String cell = cell(row, time.index());
        try {
            return format.parse(cell, decimal);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CsvFileException(path + ":" + row.getStartingLineNumber() + ": time column '" + time.name()
                    + "' holds '" + cell + "', which is not a time in " + format.word());
        }
    }

    private static double inferRate(Column time, TimeFormat format, List<CsvRecord> rows, char decimal) {
        long[] deltas = new long[rows.size()];
        int n = 0;
        long previous = Long.MIN_VALUE;
        for (CsvRecord r : rows) {
            long t;
            try {
                t = format.parse(cell(r, time.index()), decimal);
            } catch (IllegalArgumentException | ArithmeticException e) {
                continue;
            }
            if (previous != Long.MIN_VALUE && t > previous) {
                deltas[n++] = t - previous;
            }
            previous = t;
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(deltas, 0, n);
        double hz = 1e9 / deltas[n / 2];
        return Math.abs(hz - Math.rint(hz)) < 0.01 * hz ? Math.rint(hz) : Math.round(hz * 1000) / 1000.0;
    }

    private static boolean isText(Column c, List<CsvRecord> rows, char decimal) {
        boolean anyText = false;
        for (CsvRecord r : rows) {
            String cell = cell(r, c.index()).strip();
            if (Cells.isNumber(cell, decimal)) {
                return false;
            }
            anyText |= !cell.isEmpty() && !cell.equalsIgnoreCase("nan");
        }
        return anyText;
    }

    private static String cell(CsvRecord r, int index) {
        return index < r.getFieldCount() ? r.getField(index) : "";
    }
}
