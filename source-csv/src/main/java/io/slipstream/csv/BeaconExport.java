package io.slipstream.csv;

import io.slipstream.spi.SessionMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The export family of AiM Race Studio and MoTeC i2: quoted {@code "Key","Value"} rows (format, venue, vehicle,
 * driver, date, time, sample rate, duration, beacon markers, ...), then a header row starting with {@code Time}
 * (seconds from the start), a units row, data. Beacon markers are lap ends in seconds.
 */
final class BeaconExport {

    private BeaconExport() {
    }

    /**
     * @param head the file's first lines
     * @return the value of the first row's {@code Format} key, or ""
     */
    static String format(Head head) {
        List<String> cells = Head.cells(head.line(0), ',');
        return cells.size() >= 2 && cells.get(0).equalsIgnoreCase("Format") ? cells.get(1) : "";
    }

    /**
     * @param head      the file's first lines
     * @param name      the format's name
     * @param logger    the logger's name for the session details
     * @param skip      records after the header that hold no data
     * @param units     which of them holds the units
     * @return the shape
     */
    static FileShape shape(Head head, String name, String logger, int skip, int units) {
        int header = -1;
        for (int i = 0; i < head.lines().size() && header < 0; i++) {
            List<String> cells = Head.cells(head.line(i), ',');
            // the preamble's "Time","14:05" row is no header; a lone "Time" is one (of a file without channels)
            boolean startsWithTime = !cells.isEmpty() && cells.get(0).equalsIgnoreCase("Time");
            if (startsWithTime && (cells.size() != 2 || !cells.get(1).matches(".*\\d.*"))) {
                header = i;
            }
        }
        if (header < 0) {
            throw new CsvFileException(head.path() + ": a " + name + " export has a header row starting with "
                    + "\"Time\" within its first " + Head.LINES + " lines; none found");
        }
        Map<String, List<String>> kv = Preamble.keyValues(head, 0, header, ',');
        Map<String, String> details = new LinkedHashMap<>(Preamble.details(kv, Map.of(
                "Venue", SessionMetadata.TRACK, "Vehicle", SessionMetadata.CAR, "Driver", SessionMetadata.DRIVER,
                "User", SessionMetadata.DRIVER, "Session", SessionMetadata.SESSION_TYPE, "Comment", "comment",
                "Device", "device")));
        details.put(FileShape.LOGGER, logger);
        String version = Preamble.first(kv, "Version");
        if (version != null) {
            details.put(FileShape.VERSION, version);
        }
        String date = Preamble.first(kv, "Date") != null ? Preamble.first(kv, "Date") : Preamble.first(kv, "Log Date");
        String time = Preamble.first(kv, "Time") != null ? Preamble.first(kv, "Time") : Preamble.first(kv, "Log Time");
        Instant start = Preamble.dateTime(date, time);
        return FileShape.plain(name)
                .withHeader(header, units, skip)
                .withTime("Time", TimeFormat.SECONDS, start)
                .withMetadata(details)
                .withLaps(null, Preamble.seconds(kv.get("Beacon Markers")))
                .withCells(StandardCharsets.ISO_8859_1, true, Set.of(), FileShape.Kind.WIDE);
    }
}
