package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.layout.VarType;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SessionMetadata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A layout without a usable {@code SessionNum}, or a YAML that cannot be read, never throws and sends no more. */
class SessionMetadataTrackerTest {

    private static final byte[] QUALIFYING = ("---\nWeekendInfo:\n TrackDisplayName: Test Track\n\nSessionInfo:\n"
            + " CurrentSessionNum: 1\n Sessions:\n - SessionNum: 0\n   SessionType: Practice\n"
            + " - SessionNum: 1\n   SessionType: Qualify\n\n...\n").getBytes(StandardCharsets.UTF_8);

    private final RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
    private final SessionMetadataTracker tracker = new SessionMetadataTracker(ctx, "test.ibt", Instant.EPOCH);

    /** A one-variable layout whose row is just that variable. */
    private static VarTable layout(String name, VarType type) {
        return VarTable.of(List.of(new VarHeader(type, 0, 1, false, name, "", "")), type.bytes());
    }

    private static ByteBuffer row(int bytes, int value) {
        ByteBuffer row = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes >= 4) {
            row.putInt(0, value);
        } else {
            row.put(0, (byte) value);
        }
        return row;
    }

    private List<String> sessionTypes() {
        return ctx.metadata().stream().map(m -> m.get(SessionMetadata.SESSION_TYPE)).toList();
    }

    @Test
    void withoutSessionNumTheYamlsCurrentSessionStands() {
        tracker.layout(layout("Speed", VarType.INT));
        tracker.sessionInfo(QUALIFYING);
        tracker.row(row(4, 0), 0);
        tracker.sessionInfo(QUALIFYING);
        assertEquals(List.of("Qualify"), sessionTypes());
    }

    @Test
    void aSessionNumOfAnotherTypeIsIgnoredNotReadPastTheRow() {
        tracker.layout(layout("SessionNum", VarType.CHAR)); // a 4-byte read here would leave the 1-byte row
        tracker.sessionInfo(QUALIFYING);
        tracker.row(row(1, 0), 0);
        assertEquals(List.of("Qualify"), sessionTypes());
    }

    @Test
    void theRowsSessionNumWinsOverTheYamlsCurrentSession() {
        tracker.layout(layout("SessionNum", VarType.INT));
        tracker.sessionInfo(QUALIFYING);
        tracker.row(row(4, 0), 0);
        tracker.row(row(4, 0), 0);
        tracker.row(row(4, 7), 0); // not in the YAML: back to its current session
        assertEquals(List.of("Qualify", "Practice", "Qualify"), sessionTypes());
    }

    @Test
    void anUnreadableYamlIsReportedOnceAndSessionChangesSendNothingMore() {
        tracker.layout(layout("SessionNum", VarType.INT));
        tracker.sessionInfo("WeekendInfo: [\n".getBytes(StandardCharsets.UTF_8));
        tracker.row(row(4, 0), 0);
        tracker.row(row(4, 2), 0);
        assertEquals(List.of(new SessionMetadata(Map.of(SessionMetadata.ORIGIN, "test.ibt"), Instant.EPOCH)),
                ctx.metadata());
        assertEquals(1, ctx.count("session-info"));
    }
}
