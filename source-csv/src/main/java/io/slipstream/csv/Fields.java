package io.slipstream.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import java.util.Arrays;

/**
 * The fields of the record just read, as char ranges in one reused buffer: the reader's hot path parses numbers
 * straight from the chars, with no String per cell. FastCSV's own {@code CsvRecord} makes a String of every
 * field; at 20 columns of 1 kHz data that garbage was the largest cost of a replay. A String is made only where
 * one is needed (a problem report, a text cell, a long-format name).
 *
 * <p>One instance serves a whole file: {@link #buildRecord()} returns it, so a record is valid only until the
 * next one is read. The limits are FastCSV's own defaults, with its messages, so a hostile file fails as it did
 * with {@code CsvRecord}.
 */
final class Fields extends AbstractBaseCsvCallbackHandler<Fields> {

    static final int MAX_FIELDS = 16_384;
    static final int MAX_FIELD_SIZE = 16 * 1024 * 1024;
    static final int MAX_RECORD_SIZE = 4 * MAX_FIELD_SIZE;

    private char[] chars = new char[1024];
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private char[] scratch = new char[64];
    private int size;
    private int used;

    @Override
    protected void handleBegin(long startingLineNumber) {
        size = 0;
        used = 0;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
        if (index >= MAX_FIELDS) {
            throw new CsvParseException("Record starting at line %d has surpassed the maximum limit of %d fields"
                    .formatted(getStartingLineNumber(), MAX_FIELDS));
        }
        if (len > MAX_FIELD_SIZE) {
            throw new CsvParseException("Field at index %d in record starting at line %d exceeds the max field size of %d characters"
                    .formatted(index, getStartingLineNumber(), MAX_FIELD_SIZE));
        }
        if (used + len > MAX_RECORD_SIZE) {
            throw new CsvParseException("Field at index %d in record starting at line %d exceeds the max record size of %d characters"
                    .formatted(index, getStartingLineNumber(), MAX_RECORD_SIZE));
        }
        if (index == starts.length) {
            starts = Arrays.copyOf(starts, index * 2);
            lengths = Arrays.copyOf(lengths, index * 2);
        }
        if (used + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
        }
        System.arraycopy(buf, offset, chars, used, len);
        starts[index] = used;
        lengths[index] = len;
        used += len;
        size = index + 1;
    }

    @Override
    protected Fields buildRecord() {
        return this;
    }

    /** @return the file line the record started on, from 1 */
    long line() {
        return getStartingLineNumber();
    }

    /** @return the number of fields */
    int count() {
        return size;
    }

    /**
     * @param i a field, below {@link #count()}
     * @return its text, as a new String
     */
    String text(int i) {
        return new String(chars, starts[i], lengths[i]);
    }

    /**
     * @param i a field, or a position past the last (an empty cell)
     * @return its text, {@code ""} past the last field
     */
    String textOrEmpty(int i) {
        return i < size ? text(i) : "";
    }

    /**
     * @param i a field, below {@link #count()}
     * @return whether it is empty or white space only, as {@link String#isBlank()} says
     */
    boolean isBlank(int i) {
        for (int p = starts[i], end = p + lengths[i]; p < end; p++) {
            if (!Character.isWhitespace(chars[p])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The field's value exactly as {@link Cells#parse(String, char)} reads its text; plain decimal numbers are
     * read from the chars, everything else (text, booleans, hex) through the String.
     *
     * @param i       a field, below {@link #count()}
     * @param decimal the decimal separator
     * @return the value, or NaN when the cell holds none
     */
    double number(int i, char decimal) {
        int from = starts[i];
        int to = from + lengths[i];
        while (from < to && chars[from] <= ' ') {
            from++;
        }
        while (to > from && chars[to - 1] <= ' ') {
            to--;
        }
        if (from == to) {
            return Double.NaN;
        }
        char c = chars[from];
        boolean lead = c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == decimal;
        boolean hex = to - from > 2 && c == '0' && (chars[from + 1] == 'x' || chars[from + 1] == 'X');
        if (!lead || hex) {
            return Cells.parse(text(i), decimal);
        }
        double plain = plainDecimal(from, to, decimal);
        if (plain == plain) {
            return plain;
        }
        char[] digits = chars;
        int at = from;
        if (decimal != '.') {
            int n = to - from;
            if (scratch.length < n) {
                scratch = new char[Math.max(n, scratch.length * 2)];
            }
            for (int k = 0; k < n; k++) {
                char d = chars[from + k];
                scratch[k] = d == decimal ? '.' : d;
            }
            digits = scratch;
            at = 0;
        }
        try {
            return JavaDoubleParser.parseDouble(digits, at, to - from);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Clinger's fast path: a sign, at most 18 digits with one decimal separator, no exponent, whose digits as an
     * integer {@code m} are below 2^53 with {@code k} digits after the separator, k at most 22: both m and 10^k
     * are exact doubles, so {@code m / 10^k} is the correctly rounded value, the same double any correct parser
     * gives. That is nearly every cell a logger writes, at a fraction of a general parser's cost.
     *
     * @return the value, or NaN when the text is not of that simple form (the general parser decides)
     */
    private double plainDecimal(int from, int to, char decimal) {
        int p = from;
        boolean negative = chars[p] == '-';
        if (negative || chars[p] == '+') {
            p++;
        }
        long m = 0;
        int digits = 0;
        int fraction = -1;
        for (; p < to; p++) {
            char c = chars[p];
            if (c >= '0' && c <= '9' && digits < 18) {
                m = m * 10 + (c - '0');
                digits++;
                fraction += fraction >= 0 ? 1 : 0;
            } else if (c == decimal && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        int k = Math.max(fraction, 0);
        if (digits == 0 || m >= 1L << 53 || k >= POWERS_OF_TEN.length) {
            return Double.NaN;
        }
        double v = m / POWERS_OF_TEN[k];
        return negative ? -v : v;
    }

    /** 10^0 .. 10^22, every one an exact double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * The field as a time, exactly as {@link TimeFormat#parse(String, char)} reads its text; plain decimal
     * numbers are read from the chars.
     *
     * @param i       a field, or a position past the last (an empty cell, which is no time)
     * @param format  how times are written
     * @param decimal the decimal separator
     * @return nanoseconds, as {@link TimeFormat#parse(String, char)}
     * @throws IllegalArgumentException when the cell is not a time in that format
     */
    long time(int i, TimeFormat format, char decimal) {
        if (i >= size) {
            return format.parse("", decimal);
        }
        return format.parse(chars, starts[i], lengths[i], decimal);
    }
}
