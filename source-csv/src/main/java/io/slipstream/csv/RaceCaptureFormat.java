package io.slipstream.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RaceCapture/Pro logs: each header cell is {@code "Name"|"units"|min|max|rate}; channels at several rates, so
 * slower ones are blank in most rows; {@code Utc} holds epoch milliseconds (it may step back after a restart).
 */
record RaceCaptureFormat() implements LogFormat {

    private static final Pattern CELL = Pattern.compile("^\"[^\"]*\"\\|\"[^\"]*\"\\|.*");

    @Override
    public String name() {
        return "racecapture";
    }

    @Override
    public boolean matches(Head head) {
        return CELL.matcher(head.line(0)).matches();
    }

    @Override
    public FileShape shape(Head head) {
        List<Column> columns = new ArrayList<>();
        List<String> cells = Head.cells(head.line(0).replace("\"", ""), ',');
        for (int i = 0; i < cells.size(); i++) {
            String[] p = cells.get(i).split("\\|", -1);
            Column c = Column.of(i, Head.utf8(p[0]));
            String units = p.length > 1 && !p[1].isBlank() ? p[1].strip() : null;
            double min = p.length > 2 ? Cells.parse(p[2], '.') : Double.NaN;
            double max = p.length > 3 ? Cells.parse(p[3], '.') : Double.NaN;
            double rate = p.length > 4 ? Cells.parse(p[4], '.') : Double.NaN;
            columns.add(new Column(i, c.name(), units, min < max ? min : null, min < max ? max : null,
                    Double.isFinite(rate) && rate > 0 ? rate : 0, -1));
        }
        boolean lapCount = columns.stream().anyMatch(c -> c.name().equals("LapCount"));
        return FileShape.plain(name())
                .withHeader(0, 0, 0)
                .withColumns(columns, false)
                .withTime("Utc", TimeFormat.MILLIS, null)
                .withMetadata(Map.of(FileShape.LOGGER, "RaceCapture"))
                .withLaps(lapCount ? "LapCount" : null, List.of())
                .withCells(StandardCharsets.UTF_8, true, Set.of(), FileShape.Kind.WIDE);
    }
}
