package io.slipstream.atlaskafka.inspect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleRow;

/**
 * The rules of {@code RowDataPacket}s on one stream: one timestamp per row, as many values in each row as the data
 * format has parameters, and times that only increase. Times are followed per data format (one row group), not
 * across the stream: two row groups on one stream are batched apart, so a batch of one may start before the last
 * row of the other; within a group a row at or before the previous one is a row sent twice or out of order.
 */
final class RowRules {

    private final Map<String, Long> lastTime = new HashMap<>();

    /**
     * @param lp     the record
     * @param rows   its content
     * @param params the data format's parameters, or null when they cannot be known
     * @param format the data format, as a key and for messages
     * @param report where violations go
     * @return first and last row time, or null when the packet holds no row
     */
    long[] check(LandedPacket lp, RowDataPacket rows, List<String> params, String format, Report report) {
        int n = rows.getTimestampsCount();
        if (n == 0 || rows.getRowsCount() == 0) {
            report.add(SessionRuleChecker.ROW_VALUES, lp, "RowData of data format " + format + " holds " + n
                    + " timestamps and " + rows.getRowsCount() + " rows; expected at least one row");
            return null;
        }
        if (rows.getRowsCount() != n) {
            report.add(SessionRuleChecker.ROW_VALUES, lp, n + " timestamps for " + rows.getRowsCount()
                    + " rows (from " + Nanos.describe(rows.getTimestamps(0)) + "); expected one timestamp per row");
        }
        if (params != null) {
            checkWidths(lp, rows, params, report);
        }
        checkTimes(lp, rows, format, report);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long t : rows.getTimestampsList()) {
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        return new long[] {first, last};
    }

    private static void checkWidths(LandedPacket lp, RowDataPacket rows, List<String> params, Report report) {
        int bad = 0;
        int firstBad = -1;
        for (int i = 0; i < rows.getRowsCount(); i++) {
            if (width(rows.getRows(i)) != params.size()) {
                bad++;
                firstBad = firstBad < 0 ? i : firstBad;
            }
        }
        if (bad > 0) {
            String when = firstBad < rows.getTimestampsCount() ? " at " + Nanos.describe(rows.getTimestamps(firstBad)) : "";
            report.add(SessionRuleChecker.ROW_VALUES, lp, "row " + firstBad + when + " has "
                    + width(rows.getRows(firstBad)) + " values for " + params.size() + " parameters " + params
                    + (bad > 1 ? " (" + bad + " rows of this packet are so)" : "") + "; expected one value per parameter");
        }
    }

    private void checkTimes(LandedPacket lp, RowDataPacket rows, String format, Report report) {
        Long previous = lastTime.get(format);
        int bad = 0;
        String first = null;
        for (int i = 0; i < rows.getTimestampsCount(); i++) {
            long t = rows.getTimestamps(i);
            if (previous != null && t <= previous) {
                bad++;
                if (first == null) {
                    first = "row " + i + " at " + Nanos.describe(t) + (t == previous ? " repeats" : " goes back before")
                            + " the previous row at " + Nanos.describe(previous);
                }
            }
            previous = previous == null ? t : Math.max(previous, t);
        }
        lastTime.put(format, previous);
        if (bad > 0) {
            report.add(SessionRuleChecker.ROW_TIME, lp, first + " of data format " + format + " on this stream"
                    + (bad > 1 ? " (" + bad + " rows of this packet are so)" : "") + "; expected row times to increase");
        }
    }

    private static int width(SampleRow row) {
        return switch (row.getListCase()) {
            case DOUBLE_SAMPLES -> row.getDoubleSamples().getSamplesCount();
            case INT32_SAMPLES -> row.getInt32Samples().getSamplesCount();
            case BOOL_SAMPLES -> row.getBoolSamples().getSamplesCount();
            case STRING_SAMPLES -> row.getStringSamples().getSamplesCount();
            default -> 0;
        };
    }
}
