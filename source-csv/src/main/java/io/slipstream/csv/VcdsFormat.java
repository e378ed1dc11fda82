package io.slipstream.csv;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VCDS (Ross-Tech) logs: a date and version line, an ECU line, a group line, a blank line, then three header rows
 * (names, with a {@code Marker} column and a {@code TIME} column before each channel; {@code STAMP}; units).
 * Every channel has its own time column, in seconds from the start.
 */
record VcdsFormat() implements LogFormat {

    @Override
    public String name() {
        return "vcds";
    }

    @Override
    public boolean matches(Head head) {
        return head.line(0).contains("VCDS");
    }

    @Override
    public FileShape shape(Head head) {
        int header = head.find("Marker");
        if (header < 0) {
            throw new CsvFileException(head.path() + ": a VCDS log has a header row starting with 'Marker' "
                    + "within its first " + Head.LINES + " lines; none found");
        }
        List<String> names = Head.cells(head.line(header), ',');
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i < names.size(); i++) {
            boolean time = names.get(i).equalsIgnoreCase("TIME");
            if (time && columns.isEmpty()) {
                columns.add(new Column(i, "TIME", "s"));
            } else if (!time && !names.get(i).isEmpty()) {
                boolean stamped = names.get(i - 1).equalsIgnoreCase("TIME");
                Column c = Column.of(i, Head.utf8(names.get(i)));
                columns.add(new Column(i, c.name(), c.units(), null, null, 0, stamped ? i - 1 : -1));
            }
        }
        List<String> first = Head.cells(head.line(0), ',');
        Map<String, String> details = new LinkedHashMap<>();
        details.put(FileShape.LOGGER, "VCDS");
        Instant start = null;
        for (int i = 0; i < first.size(); i++) {
            String c = first.get(i);
            if (c.startsWith("VCDS Version:")) {
                details.put(FileShape.VERSION, c.substring("VCDS Version:".length()).strip());
            } else if (c.startsWith("Data version:")) {
                details.put("dataVersion", c.substring("Data version:".length()).strip());
            }
            if (i == 4 && i < first.size()) {
                start = Preamble.dateTime(String.join(",", first.subList(0, 4)), c.length() >= 8 ? c.substring(0, 8) : c);
            }
        }
        String ecu = String.join(" ", Head.cells(head.line(1), ',')).strip();
        if (!ecu.isEmpty()) {
            details.put("ecu", ecu);
        }
        return FileShape.plain(name())
                .withHeader(header, 2, 2)
                .withColumns(columns, false)
                .withTime("TIME", TimeFormat.SECONDS, start)
                .withMetadata(details)
                .withCells(StandardCharsets.ISO_8859_1, true, Set.of(), FileShape.Kind.TIME_PER_CHANNEL);
    }
}
