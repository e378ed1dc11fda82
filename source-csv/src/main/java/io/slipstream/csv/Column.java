package io.slipstream.csv;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a CSV header.
 *
 * @param index its position in a row, from 0
 * @param name  the channel name: the header cell without a trailing {@code [units]} or {@code (units)}
 * @param units     units from the header cell or the units row, or null
 * @param min       lowest value the file declares, or null
 * @param max       highest value the file declares, or null
 * @param rateHz    rate the file declares for this column, 0 when it declares none
 * @param timeIndex the position of this column's own time column, -1 when the row's time applies
 */
record Column(int index, String name, String units, Double min, Double max, double rateHz, int timeIndex) {

    /** Position of a column the source derives (the lap number from beacon markers), not read from the file. */
    static final int DERIVED = -1;

    private static final Pattern NAME_AND_UNITS = Pattern.compile("^(.*?)\\s*[\\[(]([^\\])]*)[\\])]\\s*$");

    /**
     * @param index position
     * @param name  channel name
     * @param units units, or null
     */
    Column(int index, String name, String units) {
        this(index, name, units, null, null, 0, -1);
    }

    /**
     * @param newName the name
     * @return a copy named so
     */
    Column named(String newName) {
        return new Column(index, newName, units, min, max, rateHz, timeIndex);
    }

    /**
     * @param index  position
     * @param header the header cell, e.g. {@code Speed [km/h]}
     * @return the column; a blank header becomes {@code Column<n>} (1-based)
     */
    static Column of(int index, String header) {
        String h = header.strip();
        Matcher m = NAME_AND_UNITS.matcher(h);
        String name = h;
        String units = null;
        if (m.matches() && !m.group(1).isBlank()) {
            name = m.group(1).strip();
            units = m.group(2).strip();
        }
        if (name.isEmpty()) {
            name = "Column" + (index + 1);
        }
        // ':' separates name and application in identifiers.
        return new Column(index, name.replace(':', '_'), units == null || units.isEmpty() ? null : units);
    }

    /**
     * @param unitsCell the units row's cell, brackets allowed
     * @return a copy with those units, or this when the cell is blank
     */
    Column withUnits(String unitsCell) {
        String u = unitsCell == null ? "" : unitsCell.strip();
        if (u.length() >= 2 && (u.charAt(0) == '[' || u.charAt(0) == '(')) {
            u = u.substring(1, u.length() - 1).strip();
        }
        return u.isEmpty() ? this : new Column(index, name, u, min, max, rateHz, timeIndex);
    }
}
