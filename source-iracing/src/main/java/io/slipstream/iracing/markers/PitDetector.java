package io.slipstream.iracing.markers;

/**
 * Finds pit-road entries and exits (spec §5.4 point 5) as {@code OnPitRoad} edges that hold for
 * {@value #DEBOUNCE_ROWS} rows, and publishes them as two counters. Edges while towed, off track or on stale rows
 * are ignored, and the state is re-seeded silently afterwards (a tow, or spawning in the stall, puts the car on
 * pit road without an entry).
 */
public final class PitDetector {

    /** Rows a new pit-road state must hold before it counts. */
    public static final int DEBOUNCE_ROWS = 3;

    private boolean seeded;
    private boolean onPitRoad;
    private int differingRows;
    private long entries;
    private long exits;

    /**
     * Feeds one row.
     *
     * @param s the row's signals
     */
    public void update(SignalReader s) {
        double raw = s.get(Signal.ON_PIT_ROAD);
        if (Double.isNaN(raw)) {
            return;
        }
        boolean blind = s.get(Signal.PLAYER_TRACK_SURFACE) == -1 || s.get(Signal.IS_ON_TRACK) == 0
                || s.get(Signal.PLAYER_CAR_TOW_TIME) > 0;
        if (blind) {
            seeded = false;
            return;
        }
        boolean now = raw != 0;
        if (!seeded) {
            seeded = true;
            onPitRoad = now;
            differingRows = 0;
            return;
        }
        if (now == onPitRoad) {
            differingRows = 0;
            return;
        }
        if (++differingRows >= DEBOUNCE_ROWS) {
            onPitRoad = now;
            differingRows = 0;
            if (now) {
                entries++;
            } else {
                exits++;
            }
        }
    }

    /** Forgets the pit state (not the counts), as after a reconnect to the sim. */
    public void reset() {
        seeded = false;
    }

    /** @return confirmed pit-road entries so far */
    public long entries() {
        return entries;
    }

    /** @return confirmed pit-road exits so far */
    public long exits() {
        return exits;
    }
}
