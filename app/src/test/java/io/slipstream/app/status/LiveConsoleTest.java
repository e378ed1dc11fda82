package io.slipstream.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.ConnectionState;
import io.slipstream.sink.streamapi.SinkSnapshot;
import io.slipstream.spi.SourceProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.Test;

/**
 * The live status drawn on JLine's VT100 screen emulator of a given size: what a person would see after each
 * redraw, not the escape codes that got it there.
 */
class LiveConsoleTest {

    private static final long S = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * S);

    private static PipelineStatus status(String name, long received, long blocks, long rowsRead) {
        CountersSnapshot c = new CountersSnapshot(received, received, Map.of(), 0, 0, 0, 0, blocks, 2, 0, 10, 100,
                Map.of(), List.of());
        SinkSnapshot k = new SinkSnapshot("k", ConnectionState.CONNECTED, blocks, blocks - 3, 1, 1, 1000, 0, 0,
                Map.of(), 0, 0, 0);
        SourceProgress p = new SourceProgress(rowsRead, 390, -1, -1, rowsRead * S / 60, 389 * S / 60, true);
        return new PipelineStatus(name, "Slipstream", "", c, k, p, 10 * S);
    }

    /** A writer into the emulated screen. */
    private static PrintWriter into(ScreenTerminal screen) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                screen.write(new String(cbuf, off, len));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /** @return the screen's rows, right-trimmed, without the blank rows at the bottom */
    private static List<String> rows(ScreenTerminal screen) {
        List<String> rows = Arrays.stream(screen.toString().split("\n")).map(String::stripTrailing).toList();
        int end = rows.size();
        while (end > 0 && rows.get(end - 1).isEmpty()) {
            end--;
        }
        return rows.subList(0, end);
    }

    private LiveConsole terminal(ScreenTerminal screen) {
        return new LiveConsole(into(screen), OutputMode.TERMINAL, screen::getWidth, clock::get);
    }

    @Test
    void eachRedrawReplacesTheLinesInPlace() {
        ScreenTerminal screen = new ScreenTerminal(180, 10);
        LiveConsole console = terminal(screen);
        clock.addAndGet(S);
        console.update(List.of(status("a", 1_000, 10, 60), status("b", 500, 5, 120)));
        clock.addAndGet(S);
        console.update(List.of(status("a", 4_000, 40, 120), status("b", 2_500, 25, 180)));
        assertEquals(List.of(
                "a: 0:02 of 0:06 (30%), 0:04 left, 3,000 samples/s, 30.0 blocks/s, 0 rows, 0 events, 2 markers, 0 dropped, 0 filled,"
                        + " buffer 480 B (samples 10%), CONNECTED, 40 packets sent",
                "b: 0:03 of 0:06 (46%), 0:03 left, 2,000 samples/s, 20.0 blocks/s, 0 rows, 0 events, 2 markers, 0 dropped, 0 filled,"
                        + " buffer 480 B (samples 10%), CONNECTED, 25 packets sent"), rows(screen));
    }

    @Test
    void theLastReadingGivesRatesOverTheWholeRunAndStays() {
        ScreenTerminal screen = new ScreenTerminal(180, 6);
        LiveConsole console = terminal(screen);
        console.update(List.of(status("a", 4_000, 40, 390)));
        console.last(List.of(status("a", 4_000, 40, 390)));
        console.finish();
        console.message("summary");
        // 4,000 samples and 40 blocks in the 10 s the pipeline ran, not the nothing of the last quarter second.
        assertEquals(List.of("a: 0:06 of 0:06 (100%), 0:00 left, 400 samples/s, 4.0 blocks/s, 0 rows, 0 events, 2 markers, 0 dropped,"
                + " 0 filled, buffer 480 B (samples 10%), CONNECTED, 40 packets sent", "summary"), rows(screen));
    }

    @Test
    void messagesScrollAboveTheLiveLine() {
        ScreenTerminal screen = new ScreenTerminal(60, 10);
        LiveConsole console = terminal(screen);
        console.update(List.of(status("a", 1_000, 10, 60)));
        console.message("12:00:01.000 WARN  Sink - reconnecting");
        console.update(List.of(status("a", 2_000, 20, 120)));
        console.message("12:00:02.000 ERROR Sink - gave up\n  caused by: refused");
        List<String> rows = rows(screen);
        assertEquals(List.of("12:00:01.000 WARN  Sink - reconnecting", "12:00:02.000 ERROR Sink - gave up",
                "  caused by: refused"), rows.subList(0, 3));
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(3).startsWith("a: 0:02 of 0:06 (30%), 0:04 left"), rows.get(3));
    }

    @Test
    void aNarrowTerminalGetsWholeFactsThatNeverWrap() {
        ScreenTerminal screen = new ScreenTerminal(40, 6);
        LiveConsole console = terminal(screen);
        for (int i = 1; i <= 5; i++) {
            clock.addAndGet(S);
            console.update(List.of(status("lap.ibt", i * 1_000L, i * 10L, i * 60L)));
        }
        // A wrapped line would leave its tail behind on the row below at each redraw.
        assertEquals(List.of("lap.ibt: 0:05 of 0:06 (77%), 0:01 left"), rows(screen));
    }

    @Test
    void ctrlCHeadsTheLinesWithWhatIsStillToSend() {
        ScreenTerminal screen = new ScreenTerminal(140, 6);
        LiveConsole console = terminal(screen);
        console.update(List.of(status("a", 1_000, 10, 60)));
        console.stopping(List.of(status("a", 1_000, 10, 60)));
        console.update(List.of(status("a", 1_000, 10, 60)));
        List<String> rows = rows(screen);
        // 10 blocks and 2 markers made, 7 blocks and 1 marker sent: 4 packets to go, and 10 samples in the buffer.
        assertEquals("Ctrl-C: ending the session cleanly, 4 packets and 10 buffered samples still to send."
                + " Ctrl-C again stops at once and loses them.", rows.get(0));
        assertEquals(2, rows.size());
        console.forced(List.of(status("a", 1_000, 10, 60)));
        assertEquals("Second Ctrl-C: stopping now. Lost: 4 packets and 10 buffered samples not sent; the session"
                + " left without an end (ATLAS shows them as open).", rows(screen).get(0));
    }

    @Test
    void offATerminalTheStatusIsNotDrawnOnTheOutput() {
        StringWriter out = new StringWriter();
        LiveConsole plain = new LiveConsole(new PrintWriter(out), OutputMode.PLAIN, () -> 80, clock::get);
        plain.update(List.of(status("a", 1_000, 10, 60)));
        plain.message("a message");
        // The status went to the log (periodic log lines); the output has only what was said, with no escapes.
        assertEquals("a message" + System.lineSeparator(), out.toString());
        StringWriter quiet = new StringWriter();
        LiveConsole q = new LiveConsole(new PrintWriter(quiet), OutputMode.QUIET, () -> 80, clock::get);
        q.update(List.of(status("a", 1_000, 10, 60)));
        q.chatter().println("start-up text");
        q.chatter().flush();
        assertEquals("", quiet.toString());
    }

    @Test
    void jsonGivesOneObjectPerLine() throws Exception {
        StringWriter out = new StringWriter();
        LiveConsole json = new LiveConsole(new PrintWriter(out), OutputMode.JSON, () -> 80, clock::get);
        clock.addAndGet(2 * S);
        json.update(List.of(status("a", 1_000, 10, 60), status("b", 2_000, 20, 60)));
        json.chatter().println("Pipeline 'a'\n  source: iracing");
        json.chatter().flush();
        String[] lines = out.toString().split("\\R");
        assertEquals(4, lines.length, out.toString());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode a = mapper.readTree(lines[0]);
        assertEquals("status", a.get("type").asText());
        assertEquals("a", a.get("pipeline").asText());
        assertEquals(500, a.get("samplesPerSecond").asLong());
        assertEquals("b", mapper.readTree(lines[1]).get("pipeline").asText());
        assertEquals("Pipeline 'a'", mapper.readTree(lines[2]).get("text").asText());
        assertEquals("  source: iracing", mapper.readTree(lines[3]).get("text").asText());
    }
}
