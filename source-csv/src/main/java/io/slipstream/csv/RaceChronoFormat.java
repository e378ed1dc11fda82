package io.slipstream.csv;

import io.slipstream.spi.SessionMetadata;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RaceChrono's v3 CSV export: {@code key,value} lines ("created using" line, {@code Format,3}, session, track,
 * driver, created, note), a blank line, the header, a units row, a source row, then rows stamped in Unix seconds;
 * a {@code lap_number} column.
 */
record RaceChronoFormat() implements LogFormat {

    private static final Pattern VERSION = Pattern.compile("(?i)RaceChrono\\s+(v?[\\w.]+\\d)");

    @Override
    public String name() {
        return "racechrono";
    }

    @Override
    public boolean matches(Head head) {
        return head.line(0).toLowerCase().contains("racechrono") && head.find("Format,3") >= 0;
    }

    @Override
    public FileShape shape(Head head) {
        int blank = 0;
        while (blank < head.lines().size() && !head.line(blank).isBlank()) {
            blank++;
        }
        if (blank >= head.lines().size() - 1) {
            throw new CsvFileException(head.path() + ": a RaceChrono export has a blank line after its "
                    + "key,value lines, then the header; none found in the first " + Head.LINES + " lines");
        }
        Map<String, List<String>> kv = new LinkedHashMap<>();
        Preamble.keyValues(head, 1, blank, ',').forEach((k, v) ->
                kv.put(k, v.stream().map(Head::utf8).toList()));
        Map<String, String> details = new LinkedHashMap<>(Preamble.details(kv, Map.of("Session title", "title",
                "Session type", SessionMetadata.SESSION_TYPE, "Track name", SessionMetadata.TRACK,
                "Driver name", SessionMetadata.DRIVER, "Vehicle", SessionMetadata.CAR, "Note", "note")));
        details.put(FileShape.LOGGER, "RaceChrono");
        Matcher m = VERSION.matcher(head.line(0));
        if (m.find()) {
            details.put(FileShape.VERSION, m.group(1));
        }
        List<String> created = kv.getOrDefault("Created", List.of());
        if (!created.isEmpty()) {
            details.put("created", String.join(" ", created));
        }
        return FileShape.plain(name())
                .withHeader(blank + 1, 1, 2)
                .withTime("timestamp", TimeFormat.SECONDS, null)
                .withMetadata(details)
                .withLaps("lap_number", List.of())
                .withCells(StandardCharsets.UTF_8, true, Set.of(), FileShape.Kind.WIDE);
    }
}
