package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The detection rules the layout inspector applies to the head of a file: delimiter, decimal, units row, text. */
final class Detection {

    private static final char[] DELIMITERS = {'\t', ';', ',', '|'};

    private Detection() {
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

    static int countOutsideQuotes(String line, char d) {
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

    /**
     * Gives a name that appears again in the header a suffix, {@code _2}, {@code _3}, ... (loggers export two
     * {@code Temp} columns more often than one would think); ATLAS needs unique identifiers, and refusing the file
     * would lose every good column with it.
     *
     * @return one note per renamed column, for the source to report
     */
    static List<String> makeUnique(List<Column> columns) {
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
            columns.set(i, c.named(renamed));
        }
        return notes;
    }

    static boolean looksLikeUnits(CsvRecord row, Column time) {
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

    static char detectDecimal(char delimiter, List<CsvRecord> rows) {
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

    static double inferRate(Column time, TimeFormat format, List<CsvRecord> rows, char decimal) {
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

    static boolean isText(Column c, List<CsvRecord> rows, char decimal, Set<String> absent) {
        boolean anyText = false;
        for (CsvRecord r : rows) {
            String cell = cell(r, c.index()).strip();
            if (Cells.isNumber(cell, decimal)) {
                return false;
            }
            anyText |= !cell.isEmpty() && !cell.equalsIgnoreCase("nan") && !absent.contains(cell);
        }
        return anyText;
    }

    static String cell(CsvRecord r, int index) {
        return index < r.getFieldCount() ? r.getField(index) : "";
    }
}
