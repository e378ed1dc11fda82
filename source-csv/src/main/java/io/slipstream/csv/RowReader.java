package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a file's data rows, one at a time, in constant memory. Bad input is reported and never stops the
 * reader: a bad cell or a short row gives NaN (a missing sample) for the cells concerned, reported with
 * file:line:column; a long row with non-empty extra cells gives NaN for the whole row, since its cells cannot be
 * trusted to be in their columns; a row whose time cannot be read is dropped whole; time going backwards is
 * reported and the row kept; a line over the length limit is reported and left out. Where the format says a
 * blank cell means "no sample here" (channels at several rates), it gives {@link Row#ABSENT}.
 */
final class RowReader implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RowReader.class);

    private final CsvLayout layout;
    private final long base;
    private final long intervalNanos;
    private final ProblemLog problems;
    private final CsvReader<Fields> reader;
    private final Iterator<Fields> records;
    private final List<Column> channels;
    private final int lineOffset;
    private final boolean blankIsAbsent;
    private final Set<String> absentWords;
    private final long[] lapEnds;
    private final Map<String, Integer> longNames = new HashMap<>();
    /** The one values array of every wide row, or null for a new array per row. */
    private final double[] reused;
    private long index;
    private long previousTime = Long.MIN_VALUE;
    private long previousClock = Long.MIN_VALUE;
    private long days;
    private long lastLine;
    private long offset;
    private int lap;

    /**
     * @param layout        the file's layout
     * @param base          epoch ns that offsets (relative times, or row index x interval) count from
     * @param intervalNanos time between rows when there is no time column
     * @param problems      where bad input is reported
     */
    RowReader(CsvLayout layout, long base, long intervalNanos, ProblemLog problems) {
        this(layout, base, intervalNanos, problems, null);
    }

    /**
     * @param layout        the file's layout
     * @param base          epoch ns that offsets (relative times, or row index x interval) count from
     * @param intervalNanos time between rows when there is no time column
     * @param problems      where bad input is reported
     * @param bytesRead     gains the file's bytes as they are read, for progress; or null
     */
    RowReader(CsvLayout layout, long base, long intervalNanos, ProblemLog problems, AtomicLong bytesRead) {
        this(layout, base, intervalNanos, problems, bytesRead, false);
    }

    /**
     * A reader whose rows share one values array, each valid only until the next is read: for a pass that only
     * looks at the values (the range scan), with no array per row.
     *
     * @param layout the file's layout
     * @param problems where bad input is reported
     * @return the reader
     */
    static RowReader reusingValues(CsvLayout layout, ProblemLog problems) {
        return new RowReader(layout, 0, 1, problems, null, true);
    }

    private RowReader(CsvLayout layout, long base, long intervalNanos, ProblemLog problems, AtomicLong bytesRead,
                      boolean reuseValues) {
        this.layout = layout;
        this.base = base;
        this.intervalNanos = intervalNanos;
        this.problems = problems;
        this.channels = layout.channels();
        this.reused = reuseValues ? new double[channels.size()] : null;
        this.lineOffset = layout.shape().headerLine();
        this.blankIsAbsent = layout.shape().blankIsAbsent();
        this.absentWords = layout.shape().absentWords();
        this.lapEnds = layout.shape().lapEnds().stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < channels.size(); i++) {
            longNames.put(channels.get(i).name(), i);
        }
        this.reader = FileInput.fields(layout.path(), layout.shape(), layout.delimiter(), layout.limits(),
                line -> problems.report("long-line", line, "line longer than max-line ("
                        + layout.limits().maxLineBytes() + " bytes); left out", channels.size()), bytesRead);
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
            Fields r = records.next();
            long line = r.line() + lineOffset;
            lastLine = line;
            Long time = time(r, line);
            if (time == null) {
                continue;
            }
            return switch (layout.shape().kind()) {
                case LONG -> longRow(r, line, time);
                case TIME_PER_CHANNEL -> {
                    long[] offsets = new long[channels.size()];
                    yield new Row(line, time, values(r, line, time, offsets), offsets);
                }
                case WIDE -> new Row(line, time, values(r, line, time, null));
            };
        }
        return null;
    }

    private Long time(Fields r, long line) {
        long t;
        Column time = layout.time();
        if (time == null) {
            t = base + index++ * intervalNanos;
        } else {
            try {
                long parsed = parseTime(r, time.index());
                t = layout.absolute() ? parsed : Math.addExact(base, parsed);
                offset = layout.absolute() ? parsed - layout.firstTime() : parsed;
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.report("bad-time", line, time.index() + 1, "time column '" + time.name() + "': '"
                        + r.textOrEmpty(time.index()) + "' is not a time in " + layout.timeFormat().word() + "; row dropped", channels.size());
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

    private long parseTime(Fields r, int field) {
        long parsed = r.time(field, layout.timeFormat(), layout.decimal());
        return layout.timeFormat() == TimeFormat.CLOCK ? pastMidnight(parsed) : parsed;
    }

    /** A time of day more than half a day before the previous one is on the next day (a log running past midnight). */
    private long pastMidnight(long clock) {
        if (previousClock != Long.MIN_VALUE && clock < previousClock - TimeFormat.DAY_NANOS / 2) {
            days++;
            LOG.info("{} after line {}: the time of day went from {} to {} ns: past midnight, now on day {} of the log",
                    layout.label(), lastLine, previousClock, clock, days + 1);
        }
        previousClock = clock;
        return clock + days * TimeFormat.DAY_NANOS;
    }

    private double[] values(Fields r, long line, long time, long[] offsets) {
        double[] v = reused != null ? reused : new double[channels.size()];
        int fields = r.count();
        if (fields > layout.headerSize() && hasExtraValues(r)) {
            problems.report("long-row", line, "expected " + layout.headerSize() + " fields, found " + fields
                    + "; every sample of the row is missing", channels.size());
            Arrays.fill(v, Double.NaN);
            return v;
        }
        int absent = 0;
        for (int i = 0; i < v.length; i++) {
            Column c = channels.get(i);
            if (c.index() == Column.DERIVED) {
                v[i] = lapAt(offset);
                continue;
            }
            if (c.index() >= fields) {
                v[i] = blankIsAbsent ? Row.ABSENT : Double.NaN;
                absent += blankIsAbsent ? 0 : 1;
                continue;
            }
            if (blankIsAbsent && (r.isBlank(c.index())
                    || (!absentWords.isEmpty() && absentWords.contains(r.text(c.index()).strip())))) {
                v[i] = Row.ABSENT;
                continue;
            }
            double x = r.number(c.index(), layout.decimal());
            if (!Double.isFinite(x)) {
                x = Double.NaN;
                problems.report("bad-cell", line, c.index() + 1, "column '" + c.name() + "': "
                        + Cells.whyNot(r.text(c.index())), 1);
            } else if (offsets != null && c.timeIndex() >= 0) {
                x = ownTime(r, line, c, time, offsets, i, x);
            }
            v[i] = x;
        }
        if (absent > 0) {
            problems.report("short-row", line, "expected " + layout.headerSize() + " fields, found " + fields
                    + "; " + absent + " sample(s) missing", absent);
        }
        return v;
    }

    /** A value with its own time column: stamped with that time; without a readable one it is no sample. */
    private double ownTime(Fields r, long line, Column c, long rowTime, long[] offsets, int i, double x) {
        try {
            long parsed = parseTime(r, c.timeIndex());
            offsets[i] = (layout.absolute() ? parsed : Math.addExact(base, parsed)) - rowTime;
            return x;
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.report("bad-time", line, c.timeIndex() + 1, "time of '" + c.name() + "': '"
                    + r.textOrEmpty(c.timeIndex()) + "' is not a time in " + layout.timeFormat().word() + "; sample dropped", 1);
            return Row.ABSENT;
        }
    }

    private Row longRow(Fields r, long line, long time) {
        double[] v = new double[channels.size()];
        Arrays.fill(v, Row.ABSENT);
        if (r.count() <= LongFormatScan.VALUE) {
            problems.report("short-row", line, "expected time, name and value; found " + r.count()
                    + " field(s)", 1);
            return new Row(line, time, v);
        }
        String name = r.text(LongFormatScan.NAME).strip();
        Integer i = longNames.computeIfAbsent(name, n -> longNames.get(Column.of(0, n).name()));
        if (i == null) {
            problems.report("unknown-channel", line, LongFormatScan.NAME + 1, "'" + name + "' was not in the file "
                    + "when it was inspected; sample dropped", 1);
            return new Row(line, time, v);
        }
        String cell = r.text(LongFormatScan.VALUE);
        double x = Cells.parse(cell, layout.decimal());
        if (!Double.isFinite(x)) {
            x = Double.NaN;
            problems.report("bad-cell", line, LongFormatScan.VALUE + 1, "channel '" + name + "': "
                    + Cells.whyNot(cell), 1);
        }
        v[i] = x;
        return new Row(line, time, v);
    }

    /** The lap number at an offset from the time origin: 1 plus the beacon markers at or before it. */
    private double lapAt(long at) {
        if (lap > 0 && at < lapEnds[lap - 1]) {
            lap = 0;
        }
        while (lap < lapEnds.length && lapEnds[lap] <= at) {
            lap++;
        }
        return lap + 1;
    }

    private boolean hasExtraValues(Fields r) {
        for (int i = layout.headerSize(); i < r.count(); i++) {
            if (!r.isBlank(i)) {
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
