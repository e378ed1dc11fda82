package io.slipstream.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The row reader parses cells from char ranges ({@link Fields}) for speed; what it reads must be exactly what the
 * String parsers ({@link Cells#parse(String, char)}, {@link TimeFormat#parse(String, char)}) read from the same
 * text, bit for bit, error for error. A fuzz test over any text, decimal separator and time format, and the
 * cases that sit on the edges of the fast paths as plain tests.
 */
class CellParsingFuzzTest {

    private static final List<Character> DECIMALS = List.of('.', ',');
    /** How times of day were read before the hand-written parser replaced this regex (one match per row). */
    private static final Pattern CLOCK_CELL = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");

    @FuzzTest
    void charsReadAsTheirText(FuzzedDataProvider data) {
        char decimal = data.pickValue(DECIMALS);
        TimeFormat format = data.pickValue(TimeFormat.values());
        String before = data.consumeString(4);
        assertSameReading(before, data.consumeRemainingAsString(), decimal, format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", " -2.25 ", "+3", "1e3", "1E-3", "0x1F", "0x0000000000000003", "0x", "true", "FALSE",
        "falſe", "", "   ", "\t7\t", "NaN", "-Infinity", "1,5", "1.5,2", "١٢", "12:34:56.789", "1:02:03,5", "24:00:00",
        "12:34:56.1234567890", "-", "-.", ".", ".5", "-.5", "-0.5", "1.", "1.2.3", "1d", "0.0005", "0.00049999",
        "9223372036854775807", "-9223372036854775808", "922337203685477580", "9223372036854.775807",
        "99999999999999999999.5", "123456789012345678.123456789123", "2014-09-27T13:40:39.474Z",
        "27-Sep-2014 13:40:39.474", "1 2", "\u2003", "\u00a0", "-0", "+0.0", "0.1", "-12.3456", "1.7976931348623157",
        "9007199254740991", "9007199254740993", "0.9007199254740993", "1234567890.1234567", "00000000000000000001.5",
        "0.0000000000000000000001", "0.00000000000000000000001", "1,5,", ",5", "-,5"})
    void edgeCasesReadAsTheirText(String cell) {
        for (char decimal : DECIMALS) {
            for (TimeFormat format : TimeFormat.values()) {
                assertSameReading("", cell, decimal, format);
                assertSameReading("x,", cell, decimal, format);
            }
        }
    }

    /** Loads {@code before} and {@code cell} as two fields, so that the cell does not start the buffer. */
    private static void assertSameReading(String before, String cell, char decimal, TimeFormat format) {
        Fields fields = new Fields();
        fields.handleBegin(1);
        char[] chars = (before + cell).toCharArray();
        fields.handleField(0, chars, 0, before.length(), false);
        fields.handleField(1, chars, before.length(), cell.length(), false);
        String what = "'" + cell + "' decimal '" + decimal + "' " + format;
        assertEquals(cell, fields.text(1), what);
        assertEquals(cell.isBlank(), fields.isBlank(1), what);
        assertEquals(Double.doubleToRawLongBits(Cells.parse(cell, decimal)),
                Double.doubleToRawLongBits(fields.number(1, decimal)), what);
        assertEquals(time(() -> format.parse(cell, decimal)), time(() -> fields.time(1, format, decimal)), what);
        assertEquals(time(() -> format.parse("", decimal)), time(() -> fields.time(2, format, decimal)), what);
        if (format == TimeFormat.CLOCK) {
            assertEquals(time(() -> clockAsTheRegexRead(cell)), time(() -> format.parse(cell, decimal)), what);
        }
    }

    private static long clockAsTheRegexRead(String cell) {
        String t = cell.trim();
        Matcher m = CLOCK_CELL.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a time of day hh:mm:ss[.fff]: " + t);
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int sec = Integer.parseInt(m.group(3));
        if (h > 23 || min > 59 || sec > 59) {
            throw new IllegalArgumentException("not a time of day hh:mm:ss[.fff]: " + t);
        }
        String fraction = m.group(4);
        long nanos = fraction == null ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return ((h * 60L + min) * 60L + sec) * 1_000_000_000L + nanos;
    }

    private interface Parse {
        long parse();
    }

    /** @return the time, or the exception's class and message */
    private static String time(Parse p) {
        try {
            return Long.toString(p.parse());
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
