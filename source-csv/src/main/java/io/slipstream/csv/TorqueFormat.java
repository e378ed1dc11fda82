package io.slipstream.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Torque Pro logs: a byte order mark, names with units in brackets ({@code Engine RPM(rpm)}) and leading spaces,
 * {@code GPS Time} (text) and {@code Device Time} ({@code 27-Sep-2014 13:40:39.474}), {@code -} for no value.
 * An axis in brackets ({@code G(x)}) is part of the name, not a unit.
 */
record TorqueFormat() implements LogFormat {

    @Override
    public String name() {
        return "torque";
    }

    @Override
    public boolean matches(Head head) {
        String h = head.line(0);
        return h.contains("Device Time") && h.contains("GPS Time");
    }

    @Override
    public FileShape shape(Head head) {
        List<String> cells = Head.cells(Head.utf8(head.line(0)), ',');
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            columns.add(cell.matches(".*\\([xyzXYZ]\\)") ? new Column(i, cell.replace(':', '_'), null)
                    : Column.of(i, cell));
        }
        return FileShape.plain(name())
                .withHeader(0, 0, 0)
                .withColumns(columns, false)
                .withTime("Device Time", TimeFormat.ISO, null)
                .withMetadata(Map.of(FileShape.LOGGER, "Torque Pro"))
                .withCells(StandardCharsets.UTF_8, true, Set.of("-"), FileShape.Kind.WIDE);
    }
}
