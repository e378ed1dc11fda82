package io.slipstream.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the {@code key,value} lines that loggers write before the header, and their dates and times. */
final class Preamble {

    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, pattern("dd/MM/yyyy"), pattern("d/M/yyyy"), pattern("dd.MM.yyyy"),
            pattern("EEEE, MMMM d, yyyy"), pattern("EEEE,dd,MMMM,yyyy"), pattern("EEEE,dd,MMM,yyyy"),
            pattern("dd-MMM-yyyy"));
    private static final List<DateTimeFormatter> TIMES = List.of(pattern("H:mm:ss"), pattern("H:mm"),
            pattern("h:mm:ss a"), pattern("h:mm a"), pattern("H:mm:ss.SSS"));

    private Preamble() {
    }

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ENGLISH);
    }

    /**
     * @param head      the file's first lines
     * @param from      the first preamble line
     * @param to        the line after the last
     * @param delimiter the separator
     * @return each key (as written, stripped) with the cells after it, in file order
     */
    static Map<String, List<String>> keyValues(Head head, int from, int to, char delimiter) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            List<String> cells = new ArrayList<>(Head.cells(head.line(i), delimiter));
            String key = cells.remove(0);
            while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                cells.remove(cells.size() - 1);
            }
            if (!key.isEmpty()) {
                out.put(key, cells);
            }
        }
        return out;
    }

    /**
     * @param values a preamble's values
     * @param key    a key
     * @return the first cell after the key, or null
     */
    static String first(Map<String, List<String>> values, String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    /**
     * @param date a date as loggers write it, or null
     * @param time a time of day, or null
     * @return the moment (read as UTC, as the files carry no zone), or null when the date is not understood
     */
    static Instant dateTime(String date, String time) {
        LocalDate d = null;
        for (DateTimeFormatter f : DATES) {
            try {
                d = LocalDate.parse(date == null ? "" : date.strip(), f);
                break;
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        if (d == null) {
            return null;
        }
        LocalTime t = LocalTime.MIDNIGHT;
        for (DateTimeFormatter f : TIMES) {
            try {
                t = LocalTime.parse(time == null ? "" : time.strip(), f);
                break;
            } catch (DateTimeParseException e) {
                // try the next
            }
        }
        return LocalDateTime.of(d, t).toInstant(ZoneOffset.UTC);
    }

    /**
     * @param values  a preamble's values
     * @param mapping preamble key to session detail key
     * @return the details found, in the mapping's order
     */
    static Map<String, String> details(Map<String, List<String>> values, Map<String, String> mapping) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping.forEach((from, to) -> {
            List<String> v = values.get(from);
            if (v != null && !v.isEmpty() && !String.join(" ", v).isBlank()) {
                out.put(to, String.join(" ", v).strip());
            }
        });
        return out;
    }

    /**
     * @param cells numbers in seconds, such as beacon markers
     * @return them in ns, in order; cells that are not numbers are left out
     */
    static List<Long> seconds(List<String> cells) {
        List<Long> out = new ArrayList<>();
        if (cells != null) {
            for (String c : cells) {
                double s = Cells.parse(c, '.');
                if (Double.isFinite(s)) {
                    out.add(Math.round(s * 1e9));
                }
            }
        }
        return out;
    }
}
