package io.slipstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad options exit 2 naming the option, before anything starts; the exit code follows loss. */
class BenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rate 0                               | --rate: expected 1 to 10000 Hz, got 0.0",
        "--rate 20000                           | --rate: expected 1 to 10000 Hz",
        "--channels 0                           | --channels: expected 1 to 100000, got 0",
        "--duration 500ms                       | --duration: expected at least 1s",
        "--duration soon                        | --duration:",
        "--pacing slow                          | --pacing: expected realtime or fast, got 'slow'",
        "--target somewhere:13579               | --kafka: an external --target somewhere:13579 needs",
        "--target nohost --kafka k:9092         | --target: 'nohost' is not HOST:PORT",
        "--target h:70000 --kafka k:9092        | --target: 'h:70000' has port 70000",
        "--buffer 0                             | --buffer: expected at least 1 sample",
        "--warmup -1s                           | --warmup:",
        "--channels many                        | --channels",
        "--sessions 0                           | --sessions: expected 1 to 1000, got 0",
        "--sessions 2 --server-pid 1            | --server-pid: the embedded stack runs in this JVM",
    })
    void badOptionsExitTwoNamingTheOption(String args, String expected) {
        int code = run(args.trim().split("\\s+"));

        assertEquals(BenchCommand.USAGE, code, err.toString());
        assertTrue(err.toString().contains(expected.trim()), err.toString());
        assertTrue(out.toString().isEmpty(), "nothing was run: " + out);
    }

    @Test
    void defaultsAreTheHeavyCaseIntoTheEmbeddedStack() {
        BenchCommand c = new BenchCommand();
        new CommandLine(c).parseArgs();

        BenchOptions o = c.options();

        assertEquals(BenchOptions.defaults(), o);
        assertEquals(1000, o.channels());
        assertEquals(1000.0, o.rateHz());
        assertTrue(o.embedded());
        assertEquals(Pacing.REALTIME, o.pacing());
    }

    @Test
    void anExternalTargetDefaultsItsKeyGeneratorToTheSameHost() {
        BenchCommand c = new BenchCommand();
        new CommandLine(c).parseArgs("--target", "atlas.local:13579", "--kafka", "atlas.local:9092");

        assertEquals("atlas.local:15379", c.options().keyGenerator());
    }

    @Test
    void exitCodeIsOneWhenAnythingWasLostAndZeroOtherwise() {
        BenchResult clean = result(6000, 6000, Map.of(), true);
        BenchResult short100 = result(6000, 5900, Map.of(), true);
        BenchResult dropped = result(6000, 6000, Map.of("overflow-newest", 3L), true);
        BenchResult unread = result(6000, 6000, Map.of(), false);

        assertEquals(BenchCommand.OK, BenchCommand.exitCode(clean));
        assertEquals(0, clean.lostSamples());
        assertEquals(BenchCommand.LOSS, BenchCommand.exitCode(short100));
        assertEquals(100, short100.lostSamples());
        assertEquals(BenchCommand.LOSS, BenchCommand.exitCode(dropped));
        assertEquals(BenchCommand.LOSS, BenchCommand.exitCode(unread));
        assertTrue(short100.table().contains("LOSS"), short100.table());
        assertTrue(clean.table().contains("nothing lost"), clean.table());
    }

    private static BenchResult result(long made, long onKafka, Map<String, Long> pipelineDropped, boolean complete) {
        BenchOptions o = BenchOptions.defaults().withChannels(20).withRateHz(100).withDuration(Duration.ofSeconds(3));
        LatencySummary none = new LatencySummary(0, 0, 0, 0);
        ReadBackTally tally = new ReadBackTally(30, 30, 0, onKafka, 0, 1, 3001, "LogAppendTime", none, none);
        ResourceUsage r = new ResourceUsage(0, 0, 1, 1, 2, 3, true, 1, 3, List.of(new ThreadCpu("parallel", 2, 0.5)), 1.0);
        return new BenchResult(o, "SlipstreamBench", "s-1", made, made, 0, 0, 0, 30, pipelineDropped, 32, 1000,
                Map.of(), tally, complete, 3.0, r);
    }
}
