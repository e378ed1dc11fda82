package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the head of a file (a bounded number of lines, whatever the file's size) and works out its layout:
 * logger format, delimiter, decimal separator, units row, time column and unit, text columns, nominal rate, laps.
 * Fatal problems (unreadable, empty, no such time column, no data, a header over the line limit) are thrown
 * here, before anything is emitted.
 */
final class LayoutInspector {

    /** Data rows looked at for detection. */
    static final int SAMPLE_ROWS = 64;
    private static final int SAMPLE_LINES = 12;
    private static final Pattern TIME_NAME =
            Pattern.compile("(?i)(time|timestamp|t|datetime|date_time|time_stamp)(?:[_ ]?(s|ms|us|ns))?");
    private static final Pattern PREAMBLE = Pattern.compile("^#\\s*([A-Za-z][\\w-]*)\\s*[:=]\\s*(.*?)\\s*$");
    /** The name of the lap number channel every format with lap information gets. */
    static final String LAP = "Lap";

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
        List<Long> longLines = new ArrayList<>();
        Head head = Head.read(path, settings.limits(), longLines::add);
        LogFormat format = settings.format() != null ? settings.format() : LogFormat.detect(head);
        FileShape shape = format.shape(head);
        Map<String, String> preamble = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        int headerLine = -1;
        for (int i = shape.headerLine(); i < head.lines().size() && lines.size() < SAMPLE_LINES; i++) {
            String line = Head.utf8(head.line(i));
            if (line.startsWith("#")) {
                Matcher m = PREAMBLE.matcher(line);
                if (lines.isEmpty() && m.matches()) {
                    preamble.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
                }
            } else if (!line.isBlank()) {
                headerLine = lines.isEmpty() ? i + 1 : headerLine;
                lines.add(line);
            }
        }
        if (!longLines.isEmpty() && (headerLine < 0 || longLines.get(0) <= headerLine)) {
            throw new CsvFileException(path + ":" + longLines.get(0) + ": line longer than max-line ("
                    + settings.limits().maxLineBytes() + " bytes) before the data; the header cannot be read");
        }
        if (lines.isEmpty()) {
            throw new CsvFileException(path + ": the file is empty; expected a header row of channel names");
        }
        char delimiter = settings.delimiter() != null ? settings.delimiter() : Detection.detectDelimiter(lines);
        if (shape.kind() == FileShape.Kind.LONG) {
            shape = LongFormatScan.scan(path, shape, delimiter, settings.limits());
        }
        try (CsvReader<CsvRecord> reader = FileInput.records(path, shape, delimiter, settings.limits(), n -> { })) {
            Iterator<CsvRecord> it = reader.iterator();
            if (!it.hasNext()) {
                // The head has text, but the reader finds no record where the shape puts the header (a quote
                // left open swallows the rest, say).
                throw new CsvFileException(path + ":" + (shape.headerLine() + 1) + ": no header row where the "
                        + format.name() + " layout puts it; expected a row of channel names");
            }
            List<String> header = it.next().getFields();
            List<CsvRecord> rows = new ArrayList<>();
            while (rows.size() < SAMPLE_ROWS + 1 + Math.max(0, shape.skipAfterHeader()) && it.hasNext()) {
                rows.add(it.next());
            }
            return layout(path, shape, delimiter, header, rows, preamble);
        } catch (IOException | UncheckedIOException | CsvParseException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private CsvLayout layout(Path path, FileShape shape, char delimiter, List<String> headerCells,
                             List<CsvRecord> rows, Map<String, String> preamble) {
        List<Column> columns = new ArrayList<>();
        if (shape.columns() != null) {
            columns.addAll(shape.columns());
        } else {
            for (int i = 0; i < headerCells.size(); i++) {
                columns.add(Column.of(i, headerCells.get(i)));
            }
        }
        List<String> renamed = Detection.makeUnique(columns);
        Column time = timeColumn(path, shape, columns);
        boolean unitsRow;
        int skip;
        if (shape.skipAfterHeader() >= 0) {
            unitsRow = shape.unitsRecord() > 0;
            skip = Math.min(shape.skipAfterHeader(), rows.size());
            if (unitsRow && rows.size() >= shape.unitsRecord()) {
                applyUnits(columns, rows.get(shape.unitsRecord() - 1));
            }
        } else {
            unitsRow = settings.unitsRow() != null ? settings.unitsRow()
                    : !rows.isEmpty() && Detection.looksLikeUnits(rows.get(0), time);
            skip = unitsRow && !rows.isEmpty() ? 1 : 0;
            if (skip == 1) {
                applyUnits(columns, rows.get(0));
            }
        }
        rows.subList(0, skip).clear();
        Column named = time;
        time = time == null ? null : columns.stream().filter(c -> c.index() == named.index()).findFirst()
                .orElse(time);
        if (rows.size() > SAMPLE_ROWS) {
            rows.subList(SAMPLE_ROWS, rows.size()).clear();
        }
        if (rows.isEmpty()) {
            throw new CsvFileException(path + ": no data rows after the header" + (unitsRow ? " and units row" : ""));
        }
        char decimal = settings.decimal() != null ? settings.decimal() : Detection.detectDecimal(delimiter, rows);
        TimeFormat format = null;
        boolean absolute = false;
        long first = 0;
        double rate = settings.rateHz();
        if (time != null) {
            format = TimeDetection.format(path, settings.timeFormat() != null ? settings.timeFormat()
                    : shape.timeFormat(), time, rows.get(0), decimal);
            first = TimeDetection.parse(path, time, format, rows.get(0), decimal);
            absolute = format == TimeFormat.ISO || Math.abs(first) >= TimeFormat.EPOCH_THRESHOLD_NANOS;
            if (rate == 0) {
                rate = Detection.inferRate(time, format, rows, decimal);
            }
        }
        List<Column> channels = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (Column c : columns) {
            if (time != null && c.index() == time.index()) {
                continue;
            }
            if (shape.kind() != FileShape.Kind.LONG && Detection.isText(c, rows, decimal, shape.absentWords())) {
                text.add(c.name());
            } else {
                channels.add(c);
            }
        }
        laps(shape, channels);
        Instant fileStart = shape.start();
        String s = preamble.remove("start");
        if (s != null) {
            try {
                fileStart = Instant.ofEpochSecond(0, TimeFormat.ISO.parse(s, '.'));
            } catch (IllegalArgumentException e) {
                throw new CsvFileException(path + ":1: preamble start '" + s + "' is not an ISO-8601 date-time");
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>(shape.metadata());
        metadata.putAll(preamble);
        return new CsvLayout(path, shape, settings.limits(), delimiter, decimal, headerCells.size(), time, format,
                absolute, unitsRow, 1 + skip, channels, text, renamed, fileStart, metadata, rate, first);
    }

    private static void applyUnits(List<Column> columns, CsvRecord units) {
        columns.replaceAll(c -> c.index() < units.getFieldCount() ? c.withUnits(units.getField(c.index())) : c);
    }

    /** The format's lap number column is renamed {@value #LAP}; beacon markers give a derived {@value #LAP}. */
    private static void laps(FileShape shape, List<Column> channels) {
        if (channels.stream().anyMatch(c -> c.name().equals(LAP))) {
            return;
        }
        if (shape.lapColumn() != null) {
            channels.replaceAll(c -> c.name().equalsIgnoreCase(shape.lapColumn()) ? c.named(LAP) : c);
        } else if (!shape.lapEnds().isEmpty()) {
            channels.add(new Column(Column.DERIVED, LAP, null, 1.0, shape.lapEnds().size() + 1.0, 0, -1));
        }
    }

    private Column timeColumn(Path path, FileShape shape, List<Column> columns) {
        if (settings.noTimeColumn()) {
            return null;
        }
        String wanted = settings.timeColumn() != null ? settings.timeColumn() : shape.timeColumn();
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
            throw new CsvFileException(path + ":" + (shape.headerLine() + 1) + ": no time column '" + wanted
                    + "' in the header (columns: " + String.join(", ", columns.stream().map(Column::name).toList())
                    + ")");
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

    /**
     * @param name a time column's name
     * @return the unit its name gives ({@code time_ms}), or null
     */
    static TimeFormat unitInName(String name) {
        Matcher m = TIME_NAME.matcher(name);
        return m.matches() && m.group(2) != null ? TimeFormat.ofWord(m.group(2)) : null;
    }
}
