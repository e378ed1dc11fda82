package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.iracing.events.BitEvent;
import io.slipstream.iracing.events.Incident;
import io.slipstream.iracing.events.SessionFlag;
import io.slipstream.iracing.layout.VarType;
import io.slipstream.iracing.live.DataValidSignal;
import io.slipstream.iracing.live.LiveSettings;
import io.slipstream.iracing.live.SimLink;
import io.slipstream.spi.EventDefinition;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Events from the live path over a scripted sim: rows become events at their read time, a frame with a value that
 * is not a number or a repeated tick raises nothing and ends nothing, and a reconnect starts from a new baseline.
 */
class LiveEventsTest {

    private static final long YELLOW = SessionFlag.YELLOW.event().bit();
    private static final long RED = SessionFlag.RED.event().bit();
    private static final long BLUE = SessionFlag.BLUE.event().bit();

    /** EngineWarnings as a float is a layout the events cannot read: its events are off, the rest carry on. */
    private final IrsdkWriter writer = new IrsdkWriter(2).add("SessionTick", VarType.INT, "")
            .add("PlayerTrackSurface", VarType.INT, "irsdk_TrkLoc")
            .add("SessionFlags", VarType.BIT_FIELD, "irsdk_Flags")
            .add("EngineWarnings", VarType.FLOAT, "irsdk_EngineWarnings")
            .add("PlayerCarMyIncidentCount", VarType.FLOAT, "").add("Speed", VarType.FLOAT, "m/s");

    /** One sim session: each wait on its event writes the next step's row, or nothing when the step is null. */
    private SimLink session(List<Map<String, Double>> steps) {
        IrsdkWriter.LiveMap map = writer.live(IrsdkWriter.yaml(), 3);
        Deque<Map<String, Double>> left = new ArrayDeque<>(steps);
        DataValidSignal signal = new DataValidSignal() {
            @Override
            public boolean await(Duration timeout) {
                if (left.isEmpty()) {
                    map.status(0);
                    return false;
                }
                Map<String, Double> step = left.poll();
                if (step.isEmpty()) {
                    return true; // signalled, but the newest tick is the one already read
                }
                map.write(step.get("SessionTick").intValue(), writer.row(step));
                return true;
            }

            @Override
            public void close() {
            }
        };
        return new SimLink(map.memory(() -> { }), signal);
    }

    private static Map<String, Double> row(int tick, long flags, double incidents) {
        Map<String, Double> m = new HashMap<>();
        m.put("SessionTick", (double) tick);
        m.put("PlayerTrackSurface", 3.0);
        m.put("SessionFlags", (double) flags);
        m.put("EngineWarnings", 8.0);
        m.put("PlayerCarMyIncidentCount", incidents);
        m.put("Speed", (double) tick);
        return m;
    }

    @Test
    void liveRowsRaiseEventsAndNoBadFrameOrReconnectRaisesAFalseOne() {
        Deque<SimLink> sims = new ArrayDeque<>(List.of(
                session(List.of(row(1, 0, 0), row(2, YELLOW, 0), row(3, YELLOW, Double.NaN), Map.of(),
                        row(4, YELLOW, 1), row(5, YELLOW | RED, 1))),
                session(List.of(row(1, YELLOW | RED | BLUE, 0), row(2, YELLOW | RED | BLUE, 0),
                        row(3, YELLOW | RED, 3), row(4, YELLOW | RED, 3)))));
        IracingOptions options = IracingOptions.from(ConfigSection.of(Map.of("channels", List.of("Speed"))));
        LiveSettings settings = new LiveSettings(Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(30), false);
        IracingSource source = new IracingSource(options, () -> () -> Optional.ofNullable(sims.poll()), settings);
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();

        List<SampleValue> emitted = source.samples(ctx)
                .takeUntil(s -> s.channel().identifier().equals("Speed:iRacing") && sims.isEmpty() && s.value() == 4)
                .collectList().block(Duration.ofSeconds(20));

        List<SampleValue> speeds = emitted.stream().filter(s -> s.channel().identifier().equals("Speed:iRacing"))
                .toList();
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 1.0, 2.0, 3.0, 4.0),
                speeds.stream().map(SampleValue::value).toList(), "every new tick, the NaN frame included, once");
        assertEquals(List.of(Happening.of("YellowFlag:iRacing", speeds.get(1).timeNanos()),
                        Happening.of("Incident:iRacing", speeds.get(3).timeNanos(), 1, 1),
                        Happening.of("RedFlag:iRacing", speeds.get(4).timeNanos()),
                        Happening.of("Incident:iRacing", speeds.get(7).timeNanos(), 3, 3)),
                Happening.in(emitted), "the second connection's first row is a baseline: blue was on already");

        List<EventDefinition> declared = new ArrayList<>(SessionFlag.events().stream().map(BitEvent::definition)
                .toList());
        declared.add(Incident.DEFINITION);
        assertEquals(List.of(declared, declared), ctx.eventDeclarations(), "declared on each connection, the same");
    }
}
