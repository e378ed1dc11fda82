package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.iracing.live.DataValidSignal;
import io.slipstream.iracing.live.LiveSettings;
import io.slipstream.iracing.live.SimLink;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * The sim moving from practice to qualifying to race ({@code SessionNum} in the rows) re-sends the session
 * metadata before the first sample of the new session, live and in .ibt replay; rows and YAML updates that change
 * nothing the metadata says send nothing.
 */
class SessionChangeTest {

    /**
     * A weekend of three sessions.
     *
     * @param current  {@code CurrentSessionNum}, or null to leave it out
     * @param driver   the player's name
     * @param official the race's {@code ResultsOfficial}, which the metadata does not carry
     */
    private static byte[] weekend(Integer current, String driver, int official) {
        return ("---\nWeekendInfo:\n TrackName: testtrack\n TrackDisplayName: Test Track\n\nSessionInfo:\n"
                + (current == null ? "" : " CurrentSessionNum: " + current + "\n")
                + " Sessions:\n - SessionNum: 0\n   SessionType: Practice\n - SessionNum: 1\n   SessionType: Qualify\n"
                + " - SessionNum: 2\n   SessionType: Race\n   ResultsOfficial: " + official + "\n\n"
                + "DriverInfo:\n DriverCarIdx: 0\n Drivers:\n - CarIdx: 0\n   UserName: " + driver + "\n"
                + "   CarScreenName: Test Car\n\n...\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A live sim whose every wait on the data-valid event runs the next step; after the last it leaves. */
    private static final class ScriptedSim {
        final IrsdkWriter writer = IrsdkWriter.playerCar();
        final IrsdkWriter.LiveMap map;
        final Deque<Runnable> steps = new ArrayDeque<>();

        ScriptedSim(byte[] yaml) {
            map = writer.live(yaml, 3);
        }

        /** A new tick whose Speed is the tick number, so that samples say which row they came from. */
        ScriptedSim tick(int tick, int sessionNum) {
            steps.add(() -> map.write(tick, writer.row(Map.of("Speed", (double) tick, "SessionNum",
                    (double) sessionNum, "SessionTime", tick / 60.0))));
            return this;
        }

        /** A YAML update: the source reads it with the next tick, before that tick's row. */
        ScriptedSim yaml(byte[] yaml) {
            steps.add(() -> map.sessionInfo(yaml));
            return this;
        }

        /** @return the source over this sim, emitting Speed and the derived counters */
        IracingSource source() {
            DataValidSignal signal = new ScriptedSignal(steps, map);
            IracingOptions options = IracingOptions.from(ConfigSection.of(Map.of("channels", List.of("Speed"))));
            return new IracingSource(options,
                    () -> () -> Optional.of(new SimLink(map.memory(() -> { }), signal)), LiveSettings.defaults());
        }
    }

    /**
     * Runs the source to its end, noting for each Speed sample how many metadata calls had been made when it was
     * emitted (demand is unbounded, so a sample reaches {@code doOnNext} on the thread and at the moment the source
     * emits it).
     *
     * @return "row:calls" per Speed sample
     */
    private static List<String> callsSeenBySamples(Flux<SampleValue> samples, RecordingSourceContext<?> ctx) {
        List<String> seen = new ArrayList<>();
        samples.filter(s -> s.channel().identifier().equals("Speed:iRacing"))
                .doOnNext(s -> seen.add((int) s.value() + ":" + ctx.metadata().size()))
                .then().block(Duration.ofSeconds(20));
        return seen;
    }

    private static List<String> field(RecordingSourceContext<?> ctx, String key) {
        return ctx.metadata().stream().map(m -> m.get(key)).toList();
    }

    @Test
    void liveSessionTypeFollowsSessionNumOncePerChange() {
        ScriptedSim sim = new ScriptedSim(weekend(0, "Ann", 0));
        sim.tick(1, 0).tick(2, 0)
                .yaml(weekend(0, "Ann", 0)).tick(3, 0)        // the same YAML again
                .tick(4, 1)                                   // qualifying, the YAML still says session 0
                .yaml(weekend(0, "Ann", 1)).tick(5, 1)        // a YAML change the metadata does not carry
                .yaml(weekend(2, "Ann", 1)).tick(6, 2)        // race: the YAML and SessionNum move together
                .tick(7, 2);
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();

        List<String> seen = callsSeenBySamples(sim.source().samples(ctx), ctx);

        assertEquals(List.of("Practice", "Qualify", "Race"), field(ctx, SessionMetadata.SESSION_TYPE));
        assertEquals(List.of("1:1", "2:1", "3:1", "4:2", "5:2", "6:3", "7:3"), seen,
                "each change is sent before the first sample of its row, and nothing else is sent");
        assertEquals(List.of("Test Track", "Test Track", "Test Track"), field(ctx, SessionMetadata.TRACK));
        assertEquals(1, ctx.metadata().stream().map(SessionMetadata::start).distinct().count());
    }

    @Test
    void liveYamlChangeTheMetadataCarriesIsSentWhileSessionNumHolds() {
        ScriptedSim sim = new ScriptedSim(weekend(null, "Ann", 0));
        sim.tick(1, 0).yaml(weekend(null, "Bob", 0)).tick(2, 0).tick(3, 0);
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();

        List<String> seen = callsSeenBySamples(sim.source().samples(ctx), ctx);

        // Before the first row SessionNum is unknown and this YAML names no current session: no type at first.
        assertEquals(Arrays.asList(null, "Practice", "Practice"), field(ctx, SessionMetadata.SESSION_TYPE));
        assertEquals(List.of("Ann", "Ann", "Bob"), field(ctx, SessionMetadata.DRIVER));
        assertEquals(List.of("1:2", "2:3", "3:3"), seen);
    }

    @Test
    void ibtRowsThatChangeSessionNumResendBeforeTheirSamples(@TempDir Path dir) throws Exception {
        IrsdkWriter w = IrsdkWriter.playerCar();
        List<byte[]> rows = IrsdkWriter.rows();
        int[] sessionNums = {1, 1, 2, 2};
        for (int r = 0; r < sessionNums.length; r++) {
            rows.add(w.row(Map.of("Speed", (double) r, "SessionNum", (double) sessionNums[r], "SessionTime",
                    r / 60.0)));
        }
        Path file = Files.write(dir.resolve("weekend.ibt"), w.ibt(weekend(null, "Ann", 0), 1_700_000_000L, rows));
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();

        List<String> seen = callsSeenBySamples(new IracingProvider().create(ConfigSection.of(Map.of(
                "file", file.toString(), "channels", List.of("Speed")))).samples(ctx), ctx);

        assertEquals(List.of("Qualify", "Race"), field(ctx, SessionMetadata.SESSION_TYPE),
                "the first metadata names row 0's session, though the YAML names no current one");
        assertEquals(List.of("0:1", "1:1", "2:2", "3:2"), seen);
    }
}
