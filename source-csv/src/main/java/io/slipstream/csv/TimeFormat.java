package io.slipstream.csv;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** How a time cell is written: a number in a unit, or an ISO-8601 date-time. */
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
    ISO(0, 0);

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
            default -> null;
        };
    }

    /**
     * Parses a time cell exactly (no floating-point rounding of long epoch values).
     *
     * @param cell    the cell text
     * @param decimal the decimal separator
     * @return nanoseconds: since the epoch for ISO and large numbers, else an offset
     * @throws IllegalArgumentException when the cell is not a time in this format
     */
    long parse(String cell, char decimal) {
        String t = cell.trim();
        if (this == ISO) {
            return parseIso(t);
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
            throw new IllegalArgumentException("not an ISO-8601 date-time: " + t, e);
        }
    }

    /** @return the unit as users write it */
    String word() {
        return switch (this) {
            case SECONDS -> "s";
            case MILLIS -> "ms";
            case MICROS -> "us";
            case NANOS -> "ns";
            case ISO -> "iso";
        };
    }
}
