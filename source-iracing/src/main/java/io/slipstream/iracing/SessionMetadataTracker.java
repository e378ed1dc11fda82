package io.slipstream.iracing;

import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.layout.VarType;
import io.slipstream.iracing.session.SessionInfo;
import io.slipstream.iracing.session.SessionInfoException;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

/**
 * Keeps the context's session metadata in step with the sim: metadata is rebuilt when a session YAML arrives and
 * when the {@code SessionNum} variable moves (practice, then qualifying, then race), and sent only when it
 * differs from what was sent last, so that a row or an unchanged YAML costs no call. One per subscription, used
 * by one thread at a time.
 */
final class SessionMetadataTracker {

    /** What is known when the YAML cannot be read: nothing but the origin and start. */
    private static final SessionInfo UNREADABLE = new SessionInfo(null, null, null, null, null, null, null, null,
            Map.of(), -1);

    private final SourceContext context;
    private final String origin;
    private final Instant start;
    private SessionInfo info;
    private int sessionNumOffset = -1;
    private int sessionNum = -1;
    private SessionMetadata sent;

    /**
     * @param context where metadata goes
     * @param origin  where the data comes from (file name, "iRacing live")
     * @param start   when the session started
     */
    SessionMetadataTracker(SourceContext context, String origin, Instant start) {
        this.context = context;
        this.origin = origin;
        this.start = start;
    }

    /**
     * Finds {@code SessionNum} in a layout; a layout without it, or with it in another type than the SDK's int,
     * leaves the session number where it was.
     *
     * @param vars the layout's variables
     */
    void layout(VarTable vars) {
        VarHeader v = vars.get("SessionNum");
        sessionNumOffset = v != null && v.type() == VarType.INT ? v.offset() : -1;
    }

    /**
     * Takes a new session YAML and sends the metadata it gives, if that changed.
     *
     * @param yaml the session info bytes
     */
    void sessionInfo(byte[] yaml) {
        try {
            info = SessionInfo.parse(yaml, origin);
        } catch (SessionInfoException e) {
            context.report(new SourceProblem("session-info", origin + " session info",
                    "the session YAML could not be read even after sanitising (" + e.getMessage()
                            + "); track, car and driver are unknown", 0));
            info = UNREADABLE;
        }
        send();
    }

    /**
     * Reads a row's {@code SessionNum} and, when it moved, sends the metadata for the new session; call before
     * the row's samples. Before the first YAML it only notes the number.
     *
     * @param row      little-endian bytes holding the row
     * @param rowStart absolute offset of the row
     */
    void row(ByteBuffer row, int rowStart) {
        if (sessionNumOffset < 0) {
            return;
        }
        int num = row.getInt(rowStart + sessionNumOffset);
        if (num != sessionNum) {
            sessionNum = num;
            send();
        }
    }

    private void send() {
        if (info == null) {
            return;
        }
        SessionMetadata m = info.toMetadata(sessionNum, start, origin);
        if (!m.equals(sent)) {
            sent = m;
            context.sessionMetadata(m);
        }
    }
}
