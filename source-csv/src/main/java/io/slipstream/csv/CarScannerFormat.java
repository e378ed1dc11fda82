package io.slipstream.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Car Scanner and other OBD apps' long format: {@code "SECONDS";"PID";"VALUE";"UNITS";}, one sample per row,
 * seconds since midnight; pivoted to one channel per PID with its units.
 */
record CarScannerFormat() implements LogFormat {

    @Override
    public String name() {
        return "carscanner";
    }

    @Override
    public boolean matches(Head head) {
        return head.line(0).replace("\"", "").toUpperCase().startsWith("SECONDS;PID;VALUE;UNITS");
    }

    @Override
    public FileShape shape(Head head) {
        return FileShape.plain(name())
                .withHeader(0, 0, 0)
                .withColumns(null, true)
                .withTime("SECONDS", TimeFormat.SECONDS, null)
                .withMetadata(Map.of(FileShape.LOGGER, "Car Scanner"))
                .withLaps(null, List.of())
                .withCells(StandardCharsets.UTF_8, true, Set.of(), FileShape.Kind.LONG);
    }
}
