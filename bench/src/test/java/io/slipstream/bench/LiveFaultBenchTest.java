package io.slipstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code bench --live}, scaled down: a bridge in its own JVM streams live through a frozen, then absent, then
 * restored Stream API, and every sample is accounted for exactly on Kafka, with the session rules holding.
 */
class LiveFaultBenchTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--live --stall 0s                        | --stall: expected a positive duration",
        "--live --outage soon                     | --outage:",
        "--live --heap lots                       | --heap: expected a size as -Xmx takes it, e.g. 384m, got 'lots'",
        "--live --target h:13579 --kafka k:1      | --live freezes and stops a Stream API of its own; it takes no --target",
    })
    void badLiveOptionsExitTwoNamingTheOption(String args, String expected) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.trim().split("\\s+"));
        assertEquals(BenchCommand.USAGE, code, err.toString());
        assertTrue(err.toString().contains(expected.trim()), err.toString());
        assertTrue(out.toString().isEmpty(), "nothing was run: " + out);
    }

    @Test
    void aStallThenAnOutageDropsOnlyWhatIsCountedAndTheSessionPassesTheRuleCheck() {
        // Bounds shrunk so that a 3 s outage at 10,000 samples/s (~140 KB/s) overflows the buffer; the resend buffer
        // (512 KiB) still holds what the frozen connection swallowed. The full run uses the defaults.
        LiveBounds tight = new LiveBounds(500, 16 * 1024, 512 * 1024);
        LiveScenario scenario = new LiveScenario(50, 200, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(3), "256m", Duration.ofSeconds(60), tight);

        LiveFaultResult r = LiveFaultBench.run(scenario, new PrintWriter(out, true));

        LiveBridgeResult b = r.bridge();
        assertTrue(b.received() >= 50 * 200 * 8, "about 9 s of 10,000 samples/s: " + r.table());
        assertTrue(b.droppedTotal() > 0, "the outage overflowed the tight bounds: " + r.table());
        assertEquals(b.received() - b.droppedTotal() + b.filled(), r.landedSamples(),
                "received - dropped + filled = on Kafka: " + r.table());
        assertEquals(0, r.duplicatePackets(), r.table());
        assertTrue(b.reconnects() >= 1, "the sink reconnected after the outage: " + r.table());
        assertTrue(r.violations().isEmpty(), r.table());
        assertTrue(b.heapAfterGc() > 0 && b.heapAfterGc() < b.maxHeap(), r.table());
        assertTrue(r.passed() && r.table().contains("unaccounted          0 "), r.table());
        assertTrue(out.toString().contains("Stream API frozen for 2 s") && out.toString().contains("Stream API back"),
                out::toString);
    }
}
