package io.slipstream.iracing.markers;

/** The variables the lap and pit detectors and the replay clock read from every row; each may be absent. */
public enum Signal {
    /** Seconds since session start (double). */
    SESSION_TIME("SessionTime"),
    /** Session number within the event. */
    SESSION_NUM("SessionNum"),
    /** Unique id of the session. */
    SESSION_UNIQUE_ID("SessionUniqueID"),
    /** Laps started. */
    LAP("Lap"),
    /** Laps completed (absent in version-1 files). */
    LAP_COMPLETED("LapCompleted"),
    /** Fraction of the lap done, 0..1. */
    LAP_DIST_PCT("LapDistPct"),
    /** Car on pit road between the cones. */
    ON_PIT_ROAD("OnPitRoad"),
    /** Car on track with the player in it. */
    IS_ON_TRACK("IsOnTrack"),
    /** {@code irsdk_TrkLoc}; -1 means not in the world (a stale row). */
    PLAYER_TRACK_SURFACE("PlayerTrackSurface"),
    /** Seconds of tow left; above zero while towed. */
    PLAYER_CAR_TOW_TIME("PlayerCarTowTime"),
    /** Live only: the sim is playing a replay. */
    IS_REPLAY_PLAYING("IsReplayPlaying");

    private final String varName;

    Signal(String varName) {
        this.varName = varName;
    }

    /** @return the iRacing variable name */
    public String varName() {
        return varName;
    }
}
