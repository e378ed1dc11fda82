package io.slipstream.csv;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a CSV header.
 *
 * @param index its position in a row, from 0
 * @param name  the channel name: the header cell without a trailing {@code [units]} or {@code (units)}
 * @param units units from the header cell or the units row, or null
 */
record Column(int index, String name, String units) {

    private static final Pattern NAME_AND_UNITS = Pattern.compile("^(.*?)\\s*[\\[(]([^\\])]*)[\\])]\\s*$");

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
        return u.isEmpty() ? this : new Column(index, name, u);
    }
}
