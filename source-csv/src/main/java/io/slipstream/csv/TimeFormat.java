package io.slipstream.csv;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern CLOCK_CELL =
            Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");

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
            java.time.Instant i = a instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
                    : a instanceof ZonedDateTime z ? z.toInstant() : ((OffsetDateTime) a).toInstant();
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (java.time.DateTimeException e) {
            try {
                // As phone apps write it: 27-Sep-2014 13:40:39.474
                LocalDateTime l = LocalDateTime.parse(t, DAY_MONTH_NAME);
                return Math.addExact(Math.multiplyExact(l.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), l.getNano());
            } catch (java.time.DateTimeException e2) {
                throw new IllegalArgumentException("not an ISO-8601 date-time: " + t, e);
            }
        }
    }

    private static long parseClock(String t) {
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
        long nanos = 0;
        String fraction = m.group(4);
        if (fraction != null) {
            nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        }
        return ((h * 60L + min) * 60L + sec) * 1_000_000_000L + nanos;
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
