package io.slipstream.pipeline.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the duration forms config files use: {@code 500us}, {@code 250ms}, {@code 2s}, {@code 1.5m}, {@code 1h}, ISO-8601. */
public final class Durations {

    private Durations() {
    }

    /**
     * @param text the duration text
     * @return the duration
     * @throws IllegalArgumentException with the accepted forms when the text is none of them
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw bad(text);
            }
        }
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw bad(text);
        }
        double n;
        try {
            n = Double.parseDouble(t.substring(0, i));
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        String unit = t.substring(i).trim();
        double nanosPer = switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s", "" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            default -> throw bad(text);
        };
        return Duration.ofNanos(Math.round(n * nanosPer));
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a duration; expected a number with ns, us, ms, s, m or h (e.g. 250ms, 2s) or ISO-8601 (PT2S)");
    }
}
