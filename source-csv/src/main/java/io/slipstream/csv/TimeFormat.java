package io.slipstream.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** How a time cell is written: a number in a unit, an ISO-8601 date-time, or an ISO-8601 time of day. */
enum TimeFormat {
    /** Seconds, possibly fractional. */
    SECONDS(1_000_000_000L, 9),
    /** Milliseconds. */
    MILLIS(1_000_000L, 6),
    /** Microseconds. */
    MICROS(1_000L, 3),
    /** Nanoseconds. */
    NANOS(1L, 0),
    /** ISO-8601 date-time, with an offset or zone, or local (read as UTC); {@code T} may be a space. */
    ISO(0, 0),
    /**
     * ISO-8601 time of day, {@code hh:mm:ss} with an optional fraction after a point or comma (as loggers with a
     * wall clock write it); read as an offset from midnight (UTC) of the start's day, across midnight.
     */
    CLOCK(0, 0);

    /** Nanoseconds in a day: a time of day that jumps back by more than half of one has passed midnight. */
    static final long DAY_NANOS = 86_400_000_000_000L;

    private static final DateTimeFormatter DAY_MONTH_NAME = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-yyyy HH:mm:ss").optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter(Locale.ENGLISH);

    /** Numbers at or above this many ns are read as times since the Unix epoch (1973 onwards); below, as offsets. */
    static final long EPOCH_THRESHOLD_NANOS = 100_000_000_000_000_000L;

    private final long nanosPerUnit;
    private final int fractionDigits;

    TimeFormat(long nanosPerUnit, int fractionDigits) {
        this.nanosPerUnit = nanosPerUnit;
        this.fractionDigits = fractionDigits;
    }

    /**
     * @param word a config or header word: s, ms, us, ns, iso (and a few spellings)
     * @return the format, or null when the word names none
     */
    static TimeFormat ofWord(String word) {
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "s", "sec", "secs", "second", "seconds" -> SECONDS;
            case "ms", "msec", "millis", "milliseconds" -> MILLIS;
            case "us", "µs", "usec", "micros", "microseconds" -> MICROS;
            case "ns", "nsec", "nanos", "nanoseconds" -> NANOS;
            case "iso", "iso-8601", "iso8601" -> ISO;
            case "clock", "time-of-day", "hh:mm:ss" -> CLOCK;
            default -> null;
        };
    }

    /**
     * Parses a time cell exactly (no floating-point rounding of long epoch values).
     *
     * @param cell    the cell text
     * @param decimal the decimal separator
     * @return nanoseconds: since the epoch for ISO and large numbers, else an offset
     * @throws IllegalArgumentException when the cell is not a time in this format, or one outside the years
     *                                  1678..2261 that nanoseconds since the epoch can hold in a long
     */
    long parse(String cell, char decimal) {
        try {
            return parseExact(cell, decimal);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a time outside the years 1678..2261 (nanoseconds since 1970 in 64"
                    + " bits): " + cell, e);
        }
    }

    /**
     * Parses a time cell from a char range, exactly as {@link #parse(String, char)} parses its text: a plain
     * decimal number ({@code -}, up to 18 digits, a point and a fraction) is read from the chars with no String;
     * anything else goes through {@link #parse(String, char)}.
     *
     * @param chars   the text
     * @param offset  where the cell starts
     * @param length  its length
     * @param decimal the decimal separator
     * @return nanoseconds, as {@link #parse(String, char)}
     * @throws IllegalArgumentException as {@link #parse(String, char)}
     */
    long parse(char[] chars, int offset, int length, char decimal) {
        int from = offset;
        int to = offset + length;
        while (from < to && chars[from] <= ' ') {
            from++;
        }
        while (to > from && chars[to - 1] <= ' ') {
            to--;
        }
        boolean negative = from < to && chars[from] == '-';
        int p = negative ? from + 1 : from;
        long whole = 0;
        int digits = 0;
        while (p < to && chars[p] >= '0' && chars[p] <= '9' && digits < 18) {
            whole = whole * 10 + (chars[p++] - '0');
            digits++;
        }
        long fraction = 0;
        boolean plain = this != ISO && this != CLOCK && digits > 0;
        if (plain && p < to && chars[p] == decimal) {
            int f = ++p;
            while (p < to && chars[p] >= '0' && chars[p] <= '9') {
                p++;
            }
            for (int i = 0; i < fractionDigits; i++) {
                fraction = fraction * 10 + (f + i < p ? chars[f + i] - '0' : 0);
            }
            if (p - f > fractionDigits && chars[f + fractionDigits] >= '5') {
                fraction++;
            }
        }
        if (plain && p == to) {
            try {
                long v = Math.addExact(Math.multiplyExact(whole, nanosPerUnit), fraction);
                return negative ? -v : v;
            } catch (ArithmeticException e) {
                // out of range: the String path says so in its own words
            }
        }
        return parse(new String(chars, offset, length), decimal);
    }

    private long parseExact(String cell, char decimal) {
        String t = cell.trim();
        if (this == ISO) {
            return parseIso(t);
        }
        if (this == CLOCK) {
            return parseClock(t);
        }
        if (decimal != '.') {
            t = t.replace(decimal, '.');
        }
        if (t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
            return Math.round(Double.parseDouble(t) * nanosPerUnit);
        }
        int dot = t.indexOf('.');
        if (dot < 0) {
            return Math.multiplyExact(Long.parseLong(t), nanosPerUnit);
        }
        String whole = t.substring(0, dot);
        String fraction = t.substring(dot + 1);
        boolean negative = whole.startsWith("-");
        long w = whole.isEmpty() || whole.equals("-") || whole.equals("+") ? 0 : Math.abs(Long.parseLong(whole));
        if (!fraction.chars().allMatch(Character::isDigit) || (whole.isEmpty() && fraction.isEmpty())) {
            throw new NumberFormatException("not a number: " + cell);
        }
        long f = 0;
        for (int i = 0; i < fractionDigits; i++) {
            f = f * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
        }
        if (fraction.length() > fractionDigits && fraction.charAt(fractionDigits) >= '5') {
            f++;
        }
        long v = Math.addExact(Math.multiplyExact(w, nanosPerUnit), f);
        return negative ? -v : v;
    }

    private static long parseIso(String t) {
        String s = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
        try {
            TemporalAccessor a = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, ZonedDateTime::from,
                    OffsetDateTime::from, LocalDateTime::from);
            Instant i = a instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
                    : a instanceof ZonedDateTime z ? z.toInstant() : ((OffsetDateTime) a).toInstant();
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeException e) {
            try {
                // As phone apps write it: 27-Sep-2014 13:40:39.474
                LocalDateTime l = LocalDateTime.parse(t, DAY_MONTH_NAME);
                return Math.addExact(Math.multiplyExact(l.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), l.getNano());
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException("not an ISO-8601 date-time: " + t, e);
            }
        }
    }

    /** {@code h:mm:ss} or {@code hh:mm:ss}, then an optional fraction of up to 9 digits after a point or comma. */
    private static long parseClock(String t) {
        int n = t.length();
        int p = 0;
        int h = 0;
        while (p < n && p < 2 && isDigit(t.charAt(p))) {
            h = h * 10 + t.charAt(p++) - '0';
        }
        boolean ok = p > 0 && p + 6 <= n && t.charAt(p) == ':' && isDigit(t.charAt(p + 1)) && isDigit(t.charAt(p + 2))
                && t.charAt(p + 3) == ':' && isDigit(t.charAt(p + 4)) && isDigit(t.charAt(p + 5));
        long nanos = 0;
        if (ok) {
            int min = (t.charAt(p + 1) - '0') * 10 + t.charAt(p + 2) - '0';
            int sec = (t.charAt(p + 4) - '0') * 10 + t.charAt(p + 5) - '0';
            p += 6;
            if (p < n) {
                int f = p + 1;
                ok = (t.charAt(p) == '.' || t.charAt(p) == ',') && n - f >= 1 && n - f <= 9;
                for (int i = f; ok && i < n; i++) {
                    ok = isDigit(t.charAt(i));
                }
                for (int i = 0; ok && i < 9; i++) {
                    nanos = nanos * 10 + (f + i < n ? t.charAt(f + i) - '0' : 0);
                }
            }
            ok &= h <= 23 && min <= 59 && sec <= 59;
            if (ok) {
                return ((h * 60L + min) * 60L + sec) * 1_000_000_000L + nanos;
            }
        }
        throw new IllegalArgumentException("not a time of day hh:mm:ss[.fff]: " + t);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** @return the unit as users write it */
    String word() {
        return switch (this) {
            case SECONDS -> "s";
            case MILLIS -> "ms";
            case MICROS -> "us";
            case NANOS -> "ns";
            case ISO -> "iso";
            case CLOCK -> "time of day (hh:mm:ss)";
        };
    }
}
