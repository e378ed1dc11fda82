package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a file's data rows, one at a time, in constant memory. Bad input is reported and never stops the
 * reader: a bad cell or a short row gives NaN (a missing sample) for the cells concerned; a long row with
 * non-empty extra cells gives NaN for the whole row, since its cells cannot be trusted to be in their columns;
 * a row whose time cannot be read is dropped whole; time going backwards is reported and the row kept.
 */
final class RowReader implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RowReader.class);

    private final CsvLayout layout;
    private final long base;
    private final long intervalNanos;
    private final ProblemLog problems;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<Column> channels;
    private long index;
    private long previousTime = Long.MIN_VALUE;
    private long previousClock = Long.MIN_VALUE;
    private long days;
    private long lastLine;

    /**
     * @param layout        the file's layout
     * @param base          epoch ns that offsets (relative times, or row index x interval) count from
     * @param intervalNanos time between rows when there is no time column
     * @param problems      where bad input is reported
     */
    RowReader(CsvLayout layout, long base, long intervalNanos, ProblemLog problems) {
        this.layout = layout;
        this.base = base;
        this.intervalNanos = intervalNanos;
        this.problems = problems;
        this.channels = layout.channels();
        this.reader = FileInput.records(layout.path(), layout.delimiter());
        this.records = reader.iterator();
        for (int i = 0; i < layout.recordsBeforeData() && hasNext(); i++) {
            records.next();
        }
    }

    private boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | CsvParseException e) {
            throw new CsvFileException(layout.path() + ": read failed after line " + lastLine + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** @return the next row, or null at the end of the file */
    Row next() {
        while (hasNext()) {
            CsvRecord r = records.next();
            long line = r.getStartingLineNumber();
            lastLine = line;
            Long time = time(r, line);
            if (time == null) {
                continue;
            }
            return new Row(line, time, values(r, line));
        }
        return null;
    }

    private Long time(CsvRecord r, long line) {
        long t;
        Column time = layout.time();
        if (time == null) {
            t = base + index++ * intervalNanos;
        } else {
            String cell = time.index() < r.getFieldCount() ? r.getField(time.index()) : "";
            try {
                long parsed = layout.timeFormat().parse(cell, layout.decimal());
                if (layout.timeFormat() == TimeFormat.CLOCK) {
                    parsed = pastMidnight(parsed, line);
                }
                t = layout.absolute() ? parsed : Math.addExact(base, parsed);
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.report("bad-time", line, "time column '" + time.name() + "': '" + cell
                        + "' is not a time in " + layout.timeFormat().word() + "; row dropped", channels.size());
                return null;
            }
        }
        if (t < previousTime) {
            problems.report("time-backwards", line, "time goes back by " + (previousTime - t) / 1e6
                    + " ms from the previous row", channels.size());
        }
        previousTime = t;
        return t;
    }

    /** A time of day more than half a day before the previous one is on the next day (a log running past midnight). */
    private long pastMidnight(long clock, long line) {
        if (previousClock != Long.MIN_VALUE && clock < previousClock - TimeFormat.DAY_NANOS / 2) {
            days++;
            LOG.info("{}:{}: the time of day went from {} to {} ns: past midnight, now on day {} of the log",
                    layout.label(), line, previousClock, clock, days + 1);
        }
        previousClock = clock;
        return clock + days * TimeFormat.DAY_NANOS;
    }

    private double[] values(CsvRecord r, long line) {
        double[] v = new double[channels.size()];
        int fields = r.getFieldCount();
        if (fields > layout.headerSize() && hasExtraValues(r)) {
            problems.report("long-row", line, "expected " + layout.headerSize() + " fields, found " + fields
                    + "; every sample of the row is missing", channels.size());
            Arrays.fill(v, Double.NaN);
            return v;
        }
        int absent = 0;
        for (int i = 0; i < v.length; i++) {
            Column c = channels.get(i);
            if (c.index() >= fields) {
                v[i] = Double.NaN;
                absent++;
                continue;
            }
            String cell = r.getField(c.index());
            double x = Cells.parse(cell, layout.decimal());
            if (!Double.isFinite(x)) {
                x = Double.NaN;
                problems.report("bad-cell", line, "column '" + c.name() + "': " + Cells.whyNot(cell), 1);
            }
            v[i] = x;
        }
        if (absent > 0) {
            problems.report("short-row", line, "expected " + layout.headerSize() + " fields, found " + fields
                    + "; " + absent + " sample(s) missing", absent);
        }
        return v;
    }

    private boolean hasExtraValues(CsvRecord r) {
        for (int i = layout.headerSize(); i < r.getFieldCount(); i++) {
            if (!r.getField(i).isBlank()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        problems.flush();
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
