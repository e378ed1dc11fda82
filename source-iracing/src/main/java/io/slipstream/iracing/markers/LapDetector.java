package io.slipstream.iracing.markers;

/**
 * Finds completed laps robustly (spec §5.4) and publishes them as a counter: the sim's completed-lap number,
 * changed only at a real start/finish crossing.
 *
 * <p>A crossing is {@code LapCompleted} (else {@code Lap}) rising by exactly one together with a
 * {@code LapDistPct} wrap from above 0.9 to below 0.1 within {@value #WRAP_WINDOW_ROWS} rows either side.
 * Stale rows (track surface -1, such as row 0 of an .ibt) neither seed nor count; rows while towed, off track or
 * in a replay only move the baseline. A rise without a wrap (tow, reset to pits, teleport) and a rise by more
 * than one are counted, never published. A new session ({@code SessionNum}/{@code SessionUniqueID} change or
 * {@code SessionTime} going back) re-seeds the counter to the new session's value; a gap of more than a second in
 * {@code SessionTime} re-seeds the baseline only.
 */
public final class LapDetector {

    /** How many rows a counter rise and its lap-distance wrap may lie apart. */
    public static final int WRAP_WINDOW_ROWS = 10;
    private static final double MAX_GAP_SECONDS = 1.0;

    private long row = -1;
    private boolean seeded;
    private double published = Double.NaN;
    private double lastCompleted;
    private double lastPct = Double.NaN;
    private long lastWrapRow = Long.MIN_VALUE / 2;
    private double lastSessionTime = Double.NaN;
    private double lastSessionNum = Double.NaN;
    private double lastUniqueId = Double.NaN;
    private long pendingUntil = -1;
    private double pendingValue;

    private long laps;
    private long lapsWithoutCrossing;
    private long resyncs;
    private long sessionResets;

    /**
     * Feeds one row.
     *
     * @param s the row's signals
     * @return the published completed-lap count after this row, NaN while not yet seeded
     */
    public double update(SignalReader s) {
        row++;
        double completed = s.has(Signal.LAP_COMPLETED) ? s.get(Signal.LAP_COMPLETED) : s.get(Signal.LAP) - 1;
        if (Double.isNaN(completed)) {
            return published;
        }
        if (s.get(Signal.PLAYER_TRACK_SURFACE) == -1) {
            return published;
        }
        double pct = s.get(Signal.LAP_DIST_PCT);
        if (lastPct > 0.9 && pct < 0.1) {
            lastWrapRow = row;
        }
        lastPct = pct;
        if (!seeded) {
            seeded = true;
            rememberSession(s);
            return seed(completed);
        }
        if (newSession(s)) {
            sessionResets++;
            rememberSession(s);
            return seed(completed);
        }
        boolean gap = s.get(Signal.SESSION_TIME) - lastSessionTime > MAX_GAP_SECONDS;
        rememberSession(s);
        if (gap) {
            resyncs++;
            lastCompleted = completed;
            pendingUntil = -1;
            return published;
        }
        resolvePending();
        double delta = completed - lastCompleted;
        lastCompleted = completed;
        if (delta == 1) {
            if (gated(s)) {
                lapsWithoutCrossing++;
            } else if (Double.isNaN(pct) || row - lastWrapRow <= WRAP_WINDOW_ROWS) {
                publish(completed);
            } else {
                pendingUntil = row + WRAP_WINDOW_ROWS;
                pendingValue = completed;
            }
        } else if (delta != 0) {
            resyncs++;
            pendingUntil = -1;
        }
        return published;
    }

    private void resolvePending() {
        if (pendingUntil < 0) {
            return;
        }
        if (lastWrapRow == row) {
            publish(pendingValue);
            pendingUntil = -1;
        } else if (row > pendingUntil) {
            lapsWithoutCrossing++;
            pendingUntil = -1;
        }
    }

    private void publish(double completed) {
        published = completed;
        laps++;
    }

    private double seed(double completed) {
        lastCompleted = completed;
        published = completed;
        pendingUntil = -1;
        return published;
    }

    private static boolean gated(SignalReader s) {
        return s.get(Signal.IS_ON_TRACK) == 0 || s.get(Signal.PLAYER_CAR_TOW_TIME) > 0
                || s.get(Signal.IS_REPLAY_PLAYING) == 1;
    }

    private boolean newSession(SignalReader s) {
        return differs(s.get(Signal.SESSION_NUM), lastSessionNum)
                || differs(s.get(Signal.SESSION_UNIQUE_ID), lastUniqueId)
                || s.get(Signal.SESSION_TIME) < lastSessionTime;
    }

    private static boolean differs(double now, double before) {
        return !Double.isNaN(now) && !Double.isNaN(before) && now != before;
    }

    private void rememberSession(SignalReader s) {
        lastSessionTime = s.get(Signal.SESSION_TIME);
        lastSessionNum = s.get(Signal.SESSION_NUM);
        lastUniqueId = s.get(Signal.SESSION_UNIQUE_ID);
    }

    /** Forgets everything, as after a reconnect to the sim. */
    public void reset() {
        seeded = false;
        published = Double.NaN;
        lastPct = Double.NaN;
        lastSessionTime = Double.NaN;
        pendingUntil = -1;
    }

    /** @return laps published */
    public long laps() {
        return laps;
    }

    /** @return counter rises by one with no lap-distance wrap, or while towed / off track / in a replay */
    public long lapsWithoutCrossing() {
        return lapsWithoutCrossing;
    }

    /** @return counter jumps other than +1, and time gaps, that moved the baseline */
    public long resyncs() {
        return resyncs;
    }

    /** @return new sessions seen after the first */
    public long sessionResets() {
        return sessionResets;
    }
}
