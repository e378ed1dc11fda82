package io.slipstream.csv;

import io.slipstream.spi.SourceProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reports a file's problems: the first few of each kind in full, the rest as one count per kind when the file
 * is closed, so a file with a million bad cells does not flood the log yet every affected sample is counted.
 */
final class ProblemLog {

    private final String file;
    private final int limit;
    private final Consumer<SourceProblem> sink;
    private final Map<String, long[]> held = new LinkedHashMap<>();

    /**
     * @param file  the file name reports start with
     * @param limit problems per kind reported in full
     * @param sink  where reports go
     */
    ProblemLog(String file, int limit, Consumer<SourceProblem> sink) {
        this.file = file;
        this.limit = limit;
        this.sink = sink;
    }

    /** @return a log that reports nothing, for the range scan */
    static ProblemLog silent() {
        return new ProblemLog("", 0, p -> { });
    }

    /**
     * @param kind    short stable name
     * @param line    the line it happened on
     * @param message what was wrong
     * @param samples samples it affected
     */
    void report(String kind, long line, String message, int samples) {
        report(kind, String.valueOf(line), line, message, samples);
    }

    /**
     * @param kind    short stable name
     * @param line    the line it happened on
     * @param column  the column, from 1
     * @param message what was wrong
     * @param samples samples it affected
     */
    void report(String kind, long line, int column, String message, int samples) {
        report(kind, line + ":" + column, line, message, samples);
    }

    private void report(String kind, String place, long line, String message, int samples) {
        long[] h = held.computeIfAbsent(kind, k -> new long[4]); // count, samples held back, first line, last line
        if (h[0]++ < limit) {
            sink.accept(new SourceProblem(kind, file + ":" + place, message, samples));
            return;
        }
        h[1] += samples;
        h[2] = h[2] == 0 ? line : h[2];
        h[3] = line;
    }

    /** Reports the counts of problems held back. Idempotent. */
    void flush() {
        held.forEach((kind, h) -> {
            long more = h[0] - limit;
            if (more > 0 && h[2] > 0) {
                sink.accept(new SourceProblem(kind, file + ":" + h[2] + "-" + h[3], more + " more " + kind
                        + " problem(s) after the first " + limit, (int) Math.min(Integer.MAX_VALUE, h[1])));
                h[2] = 0;
            }
        });
    }
}
