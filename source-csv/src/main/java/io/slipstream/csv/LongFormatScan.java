package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the channels of a long-format file (time, name, value, units per row) by one streaming pass: each
 * distinct name becomes a column, with the first units given for it. Memory grows with the number of names,
 * which is bounded.
 */
final class LongFormatScan {

    /** Columns of a long-format row. */
    static final int TIME = 0;
    /** The channel name's column. */
    static final int NAME = 1;
    /** The value's column. */
    static final int VALUE = 2;
    /** The units' column. */
    static final int UNITS = 3;
    /** Most distinct names accepted. */
    static final int MAX_CHANNELS = 4096;

    private LongFormatScan() {
    }

    /**
     * @param path      the file
     * @param shape     its shape so far
     * @param delimiter the separator
     * @param limits    bounds on hostile input
     * @return the shape with the time column and one column per name (positions after the file's four)
     */
    static FileShape scan(Path path, FileShape shape, char delimiter, FileInput.Limits limits) {
        Map<String, String> units = new LinkedHashMap<>();
        try (CsvReader<CsvRecord> reader = FileInput.records(path, shape, delimiter, limits, n -> { })) {
            Iterator<CsvRecord> it = reader.iterator();
            if (it.hasNext()) {
                it.next();
            }
            while (it.hasNext()) {
                CsvRecord r = it.next();
                if (r.getFieldCount() <= VALUE) {
                    continue;
                }
                String name = r.getField(NAME).strip();
                if (!units.containsKey(name) && units.size() == MAX_CHANNELS) {
                    throw new CsvFileException(path + ":" + (r.getStartingLineNumber() + shape.headerLine())
                            + ": more than " + MAX_CHANNELS + " distinct channel names in a long-format file");
                }
                units.putIfAbsent(name, r.getFieldCount() > UNITS ? r.getField(UNITS).strip() : "");
            }
        } catch (IOException | UncheckedIOException | CsvParseException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(TIME, shape.timeColumn(), "s"));
        int i = UNITS + 1;
        for (Map.Entry<String, String> e : units.entrySet()) {
            Column c = Column.of(i++, e.getKey());
            columns.add(new Column(c.index(), c.name(), e.getValue().isEmpty() ? null : e.getValue()));
        }
        return shape.withColumns(columns, shape.sinceMidnight());
    }
}
