package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.file.Path;

/** Works out how a time column is written, from the config, the format, its name, its units or its first cell. */
final class TimeDetection {

    private TimeDetection() {
    }

    /**
     * @param path    the file, for errors
     * @param given   the configured or format's time format, or null to detect
     * @param time    the time column
     * @param first   the first data row
     * @param decimal the decimal separator
     * @return the format
     */
    static TimeFormat format(Path path, TimeFormat given, Column time, CsvRecord first, char decimal) {
        if (given != null) {
            return given;
        }
        TimeFormat named = LayoutInspector.unitInName(time.name());
        if (named != null) {
            return named;
        }
        if (time.units() != null && TimeFormat.ofWord(time.units()) != null) {
            return TimeFormat.ofWord(time.units());
        }
        String cell = Detection.cell(first, time.index());
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

    /**
     * @param path    the file, for errors
     * @param time    the time column
     * @param format  its format
     * @param row     a data row
     * @param decimal the decimal separator
     * @return the row's time as written (ns)
     */
    static long parse(Path path, Column time, TimeFormat format, CsvRecord row, char decimal) {
        String cell = Detection.cell(row, time.index());
        try {
            return format.parse(cell, decimal);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CsvFileException(path + ":" + row.getStartingLineNumber() + ": time column '" + time.name()
                    + "' holds '" + cell + "', which is not a time in " + format.word());
        }
    }
}
