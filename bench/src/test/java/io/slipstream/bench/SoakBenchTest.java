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
 * {@code bench --soak}: iRacing's load unless told otherwise, bad options exit 2 naming the option, and a short
 * soak with two Stream API restarts reads everything back once, with a reading per restart.
 */
class SoakBenchTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine command() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    @Test
    void aSoakRunsAtIracingLoadUnlessChannelsOrRateAreGiven() {
        CommandLine cl = command();
        cl.parseArgs("--soak", "10m");
        BenchOptions iracing = ((BenchCommand) cl.getCommand()).soakOptions();
        assertEquals(120, iracing.channels());
        assertEquals(60.0, iracing.rateHz());

        CommandLine given = command();
        given.parseArgs("--soak", "10m", "--channels", "8", "--rate", "200");
        BenchOptions chosen = ((BenchCommand) given.getCommand()).soakOptions();
        assertEquals(8, chosen.channels());
        assertEquals(200.0, chosen.rateHz());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--soak 1m --restart-every 2m            | --restart-every: 2m must be positive and shorter than --soak 1m",
        "--soak 1m --restart-every 0s            | --restart-every: 0s must be positive",
        "--soak soon                             | --soak:",
        "--soak 1m --target h:13579 --kafka k:1  | --soak restarts a Stream API of its own; it takes no --target",
    })
    void badSoakOptionsExitTwoNamingTheOption(String args, String expected) {
        int code = command().execute(args.trim().split("\\s+"));
        assertEquals(BenchCommand.USAGE, code, err.toString());
        assertTrue(err.toString().contains(expected.trim()), err.toString());
        assertTrue(out.toString().isEmpty(), "nothing was run: " + out);
    }

    @Test
    void aShortSoakWithTwoRestartsLandsEverySampleOnceAndReadsTheProcessAtEach() {
        BenchOptions options = BenchOptions.defaults().withChannels(20).withRateHz(60).withWarmup(Duration.ZERO);
        SoakResult r = SoakBench.run(options, Duration.ofSeconds(25), Duration.ofSeconds(10), new PrintWriter(out, true));

        assertEquals(2, r.restarts(), r.table());
        assertEquals(4, r.readings().size(), "start, two restarts, end: " + r.table());
        assertEquals(0, r.tally().duplicatePackets(), r.table());
        assertEquals(r.received(), r.tally().samples(), "every sample on Kafka: " + r.table());
        assertTrue(r.received() >= 20 * 60 * 24, "about 25 s of 1,200 samples/s: " + r.table());
        assertTrue(!r.anythingLost() && r.complete(), r.table());
        assertTrue(r.readings().stream().allMatch(x -> x.heapAfterGc() > 0 && x.threads() > 0), r.table());
        assertTrue(r.table().contains("lost 0, duplicate packets 0, dropped by the bridge 0"), r.table());
    }
}
