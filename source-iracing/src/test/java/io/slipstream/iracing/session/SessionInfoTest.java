package io.slipstream.iracing.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.SessionMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Odd driver names never break the session info (spec §3). */
class SessionInfoTest {

    private static final String HEAD = "---\nWeekendInfo:\n TrackName: bristol\n TrackDisplayName: Bristol\n"
            + " BuildVersion: 2024.01.01.01\n EventType: Race\n\nSessionInfo:\n CurrentSessionNum: 2\n Sessions:\n"
            + " - SessionNum: 0\n   SessionType: Practice\n - SessionNum: 2\n   SessionType: Race\n\n"
            + "DriverInfo:\n DriverCarIdx: 1\n DriverSetupName: my setup\n";

    private static String driver(String userName) {
        return HEAD + " Drivers:\n - CarIdx: 0\n   UserName: Someone Else\n   CarScreenName: Other Car\n"
                + " - CarIdx: 1\n   UserName: " + userName + "\n   TeamName: " + userName + "\n"
                + "   CarScreenName: Chevrolet Silverado\n   CarClassColor: 0xffffff\n   LicColor: 0xundefined\n\n...\n";
    }

    @Test
    void namesWithHashQuotesColonsAndCommasSurvive() {
        assertEquals("Joe #1 \"Fast\": O'Neil", SessionInfo.parse(driver("Joe #1 \"Fast\": O'Neil")).driverName());
        assertEquals(",comma first", SessionInfo.parse(driver(",comma first")).driverName());
        assertEquals("back\\slash", SessionInfo.parse(driver("back\\slash")).driverName());
    }

    @Test
    void picksThePlayersCarAndTheCurrentSession() {
        SessionInfo info = SessionInfo.parse(driver("Ann"));
        assertEquals("Chevrolet Silverado", info.carName());
        assertEquals("Race", info.sessionType(2));
        assertEquals("Practice", info.sessionType(0));
        assertEquals("Race", info.sessionType(-1), "falls back to CurrentSessionNum");
        SessionMetadata m = info.toMetadata(2, Instant.EPOCH, "x.ibt");
        assertEquals("Bristol", m.get(SessionMetadata.TRACK));
        assertEquals("Ann", m.get(SessionMetadata.DRIVER));
        assertEquals("2024.01.01.01", m.get("buildVersion"));
    }

    @Test
    void windows1252BytesAndUndefinedBytesDecode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] text = driver("Ren\u00e9 X").getBytes(StandardCharsets.ISO_8859_1);
        for (byte x : text) {
            b.write(x);
            if (x == 'X') {
                b.write(0x81); // undefined in cp1252: becomes a space
                b.write(0x80); // the euro sign in cp1252
            }
        }
        assertEquals("Ren\u00e9 X \u20ac", SessionInfo.parse(b.toByteArray()).driverName());
    }

    @Test
    void utf8NamesDecodeAsUtf8() {
        byte[] utf8 = driver("\u5c71\u7530 \u592a\u90ce").getBytes(StandardCharsets.UTF_8);
        assertEquals("\u5c71\u7530 \u592a\u90ce", SessionInfo.parse(utf8).driverName());
    }

    @Test
    void nonPrintablesAndASetupNameSplitByANewlineDoNotBreakParsing() {
        String yaml = driver("Bad\u009f\u0007Name").replace("DriverSetupName: my setup",
                "DriverSetupName: folder\nsetup 2.sto");
        SessionInfo info = SessionInfo.parse(yaml);
        assertEquals("BadName", info.driverName());
        assertEquals("Chevrolet Silverado", info.carName());
    }

    @Test
    void missingSectionsGiveNulls() {
        SessionInfo info = SessionInfo.parse("---\nWeekendInfo:\n TrackName: x\n\n...\n");
        assertNull(info.carName());
        assertNull(info.sessionType(0));
        assertEquals("x", info.trackName());
    }

    @Test
    void anEmptyAreaGivesNullsNotAnError() {
        SessionInfo info = SessionInfo.parse(new byte[0], "x.ibt");
        assertNull(info.trackName());
        assertEquals(-1, info.currentSession());
    }

    @Test
    void explicitTagsNeverChangeAValueOrBreakTheParse() {
        SessionInfo info = SessionInfo.parse("---\nWeekendInfo:\n TrackName: !!int x\n EventType: !custom [a]\n"
                + " Category: !!float 1.5\n...\n", "x.ibt");
        assertEquals("x", info.trackName());
        assertNull(info.eventType(), "a list is no event type");
        assertEquals("1.5", info.category());
    }

    @Test
    void deepNestingIsRefusedWithItsLineAndColumn() {
        String yaml = "WeekendInfo:\n TrackName: " + "[".repeat(100) + "]".repeat(100) + "\n";
        SessionInfoException e = assertThrows(SessionInfoException.class, () -> SessionInfo.parse(yaml, "deep.ibt"));
        assertEquals("deep.ibt session info, line 2, column 75: nested more than 64 levels deep; expected the sim's"
                + " few levels", e.getMessage());
    }

    @Test
    void anAliasIsRefusedAsTheSimWritesNone() {
        String yaml = "a: &a [x, x]\nb: [*a, *a]\n";
        SessionInfoException e = assertThrows(SessionInfoException.class, () -> SessionInfo.parse(yaml, "a.ibt"));
        assertTrue(e.getMessage().startsWith("a.ibt session info, line 2, column "), e.getMessage());
    }
}
