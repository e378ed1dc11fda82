package io.slipstream.csv;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/** Reads numeric cells: decimal point or comma, booleans as 0/1; NaN and empty cells are no value. */
final class Cells {

    private Cells() {
    }

    /**
     * @param cell    the cell text
     * @param decimal the decimal separator
     * @return the value, or NaN when the cell holds none (empty, {@code NaN}, not a number)
     */
    static double parse(String cell, char decimal) {
        int n = cell.length();
        String t = n > 0 && cell.charAt(0) > ' ' && cell.charAt(n - 1) > ' ' ? cell : cell.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        char c = t.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != decimal) {
            if (t.equalsIgnoreCase("true")) {
                return 1;
            }
            if (t.equalsIgnoreCase("false")) {
                return 0;
            }
            return Double.NaN;
        }
        if (t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
            return hex(t);
        }
        if (decimal != '.') {
            t = t.replace(decimal, '.');
        }
        try {
            return JavaDoubleParser.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Switch states as radio logs write them, {@code 0x0000000000000003}: an unsigned integer. */
    private static double hex(String t) {
        try {
            long v = Long.parseUnsignedLong(t.substring(2), 16);
            return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * @param cell    the cell text
     * @param decimal the decimal separator
     * @return whether the cell is a finite number
     */
    static boolean isNumber(String cell, char decimal) {
        return Double.isFinite(parse(cell, decimal));
    }

    /**
     * @param cell a non-number cell
     * @return why it gave no value, for a problem report
     */
    static String whyNot(String cell) {
        String t = cell.trim();
        if (t.isEmpty()) {
            return "empty cell";
        }
        if (t.equalsIgnoreCase("nan")) {
            return "NaN";
        }
        return "'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "' is not a number";
    }
}
