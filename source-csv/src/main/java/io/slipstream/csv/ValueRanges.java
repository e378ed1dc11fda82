package io.slipstream.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowest and highest valid value per channel name, found by one streaming pass over the files before the replay
 * starts. Channels are declared before their first sample, and a range must be part of the declaration, so the
 * files are read twice from disk (never held in memory); {@code scan-range: false} skips the pass.
 */
final class ValueRanges {

    private final Map<String, double[]> ranges = new HashMap<>();

    /**
     * @param layouts the files to scan
     * @return the ranges of every channel that had at least one valid value
     */
    static ValueRanges scan(List<CsvLayout> layouts) {
        ValueRanges out = new ValueRanges();
        for (CsvLayout layout : layouts) {
            double[][] r = new double[layout.channels().size()][];
            for (int i = 0; i < r.length; i++) {
                r[i] = out.ranges.computeIfAbsent(layout.channels().get(i).name(),
                        k -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            }
            try (RowReader reader = RowReader.reusingValues(layout, ProblemLog.silent())) {
                for (Row row = reader.next(); row != null; row = reader.next()) {
                    double[] v = row.values();
                    for (int i = 0; i < v.length; i++) {
                        if (v[i] == Row.ABSENT) {
                            continue;
                        }
                        if (v[i] < r[i][0]) {
                            r[i][0] = v[i];
                        }
                        if (v[i] > r[i][1]) {
                            r[i][1] = v[i];
                        }
                    }
                }
            }
        }
        return out;
    }

    /** @return an empty set, when the scan is off */
    static ValueRanges none() {
        return new ValueRanges();
    }

    /**
     * @param name a channel name
     * @return {min, max}, or null when the channel had no valid value (or was not scanned)
     */
    double[] of(String name) {
        double[] r = ranges.get(name);
        return r == null || r[0] > r[1] ? null : r;
    }
}
