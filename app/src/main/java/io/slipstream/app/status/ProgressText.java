package io.slipstream.app.status;

import io.slipstream.spi.SourceProgress;
import java.util.Locale;

/**
 * How far a replay has got, in words: session time replayed of the file's total with the percentage, and in real
 * time the time left; in fast mode rows or bytes read of the total, the rate, and the time left at that rate. A
 * live source that knows its connection says it and how long it has held (waiting for the sim, connected to it);
 * any other live source (no progress) says how long it has been live. Pure arithmetic on two readings and the time between
 * them, so that it is tested with made-up clocks.
 */
final class ProgressText {

    private static final long SECOND = 1_000_000_000L;

    private ProgressText() {
    }

    /**
     * @param now          the source's progress now, or null for a live source
     * @param before       its progress at the previous reading, or null (the rate then counts from zero)
     * @param elapsedNanos time between the readings
     * @param runningNanos how long the pipeline has run
     * @return e.g. {@code 1:05 of 6:30 (16%), 5:25 left}, or {@code live, connected to iRacing for 12:03}
     */
    static String format(SourceProgress now, SourceProgress before, long elapsedNanos, long runningNanos) {
        if (now == null) {
            return "live " + clock(runningNanos);
        }
        if (now.live() != null) {
            return "live, " + now.live().state() + " for " + clock(now.live().forNanos());
        }
        double seconds = Math.max(elapsedNanos, 1) / 1e9;
        StringBuilder sb = new StringBuilder();
        if (now.timeTotalNanos() > 0 && now.timeReadNanos() >= 0) {
            sb.append(clock(now.timeReadNanos())).append(" of ").append(clock(now.timeTotalNanos()))
                    .append(percent(now.timeReadNanos(), now.timeTotalNanos()));
            if (now.realTime()) {
                return sb.append(", ").append(clock(now.timeTotalNanos() - now.timeReadNanos())).append(" left").toString();
            }
        } else if (now.timeReadNanos() >= 0) {
            sb.append(clock(now.timeReadNanos())).append(" replayed");
        }
        if (now.realTime() && now.bytesTotal() <= 0 && now.rowsTotal() <= 0) {
            return sb.toString();
        }
        // Fast (or real time with no known end): the amount read of the total, the rate, and the time left at it.
        boolean rows = now.rowsTotal() > 0 || now.bytesTotal() <= 0;
        long read = rows ? now.rowsRead() : now.bytesRead();
        long total = rows ? now.rowsTotal() : now.bytesTotal();
        long readBefore = before == null ? 0 : rows ? before.rowsRead() : before.bytesRead();
        double rate = Math.max(0, read - readBefore) / seconds;
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(rows ? String.format(Locale.ROOT, "%,d", read) : StartupText.bytes(read));
        if (total > 0) {
            sb.append(" of ").append(rows ? String.format(Locale.ROOT, "%,d rows", total) : StartupText.bytes(total));
            if (now.timeTotalNanos() <= 0) {
                sb.append(percent(read, total));
            }
        } else if (rows) {
            sb.append(" rows");
        }
        sb.append(" at ").append(rows ? String.format(Locale.ROOT, "%,.0f rows/s", rate)
                : StartupText.bytes(Math.round(rate)) + "/s");
        if (total > 0 && rate > 0 && read < total) {
            sb.append(", ").append(clock(Math.round((total - read) / rate * SECOND))).append(" left");
        }
        return sb.toString();
    }

    /** @return {@code " (16%)"}, rounded down so that 100% means done */
    static String percent(long part, long whole) {
        long p = whole <= 0 ? 0 : Math.min(100, Math.max(0, part) * 100 / whole);
        return " (" + p + "%)";
    }

    /** @return a span as a clock reads: {@code 0:07}, {@code 12:30}, {@code 1:02:03} */
    static String clock(long nanos) {
        long s = Math.max(0, nanos) / SECOND;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
