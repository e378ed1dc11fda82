package io.slipstream.iracing.live;

/** What one look at the live map found. */
public sealed interface LivePoll {

    /** A new row was copied consistently; it is in {@link LiveRowReader#row()}. @param tick its tick count */
    record NewRow(int tick) implements LivePoll {
    }

    /** The newest tick is the one already read. */
    record NoNewData() implements LivePoll {
    }

    /** The status bit is clear: the sim is not in a session. */
    record NotConnected() implements LivePoll {
    }

    /** The newest tick is older than the last one read: the sim restarted or a new session began. */
    record TickWentBack(int lastTick, int newestTick) implements LivePoll {
    }

    /** The row changed under the copy twice running; the tick is skipped. @param tick the tick that tore */
    record Torn(int tick) implements LivePoll {
    }

    /** Row length, variable count or var-header offset changed: the var table must be rebuilt. */
    record LayoutChanged() implements LivePoll {
    }
}
