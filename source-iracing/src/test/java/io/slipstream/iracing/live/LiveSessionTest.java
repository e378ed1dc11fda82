package io.slipstream.iracing.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.IrsdkWriter;
import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.spi.SourceProblem;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The live state machine over a scripted sim: a live map from the test writer, and a data-valid signal whose
 * every wait runs the sim's next step. Single-threaded and deterministic: no timers, no sleeps.
 */
class LiveSessionTest {

    /** A sim that is absent for a while, then runs scripted steps, one per wait on its event. */
    static final class ScriptedSim implements SimConnector {
        final IrsdkWriter writer = IrsdkWriter.playerCar();
        final Deque<Integer> absentPolls = new ArrayDeque<>();
        final Deque<List<Runnable>> sessions = new ArrayDeque<>();
        int opens;
        LiveSession session;

        @Override
        public Optional<SimLink> open() {
            opens++;
            if (!absentPolls.isEmpty() && absentPolls.peek() > 0) {
                absentPolls.push(absentPolls.pop() - 1);
                return Optional.empty();
            }
            if (sessions.isEmpty()) {
                session.stop();
                return Optional.empty();
            }
            Deque<Runnable> steps = new ArrayDeque<>(sessions.pop());
            IrsdkWriter.LiveMap map = writer.live(IrsdkWriter.yaml(), 3);
            current = map;
            SharedMemory memory = map.memory(() -> closed++);
            DataValidSignal signal = new DataValidSignal() {
                @Override
                public boolean await(Duration timeout) {
                    Runnable step = steps.poll();
                    if (step == null) {
                        map.status(0); // the sim leaves
                        return false;
                    }
                    step.run();
                    return true;
                }

                @Override
                public void close() {
                }
            };
            return Optional.of(new SimLink(memory, signal));
        }

        IrsdkWriter.LiveMap current;
        int closed;

        Runnable tick(int tick, double speed) {
            return () -> current.write(tick, writer.row(Map.of("Speed", speed, "SessionTime", tick / 60.0)));
        }
    }

    /** Records what the session delivers. */
    static final class Recorder implements LiveListener {
        final List<Integer> ticks = new ArrayList<>();
        final List<Double> speeds = new ArrayList<>();
        final List<String> disconnects = new ArrayList<>();
        final List<SourceProblem> problems = new ArrayList<>();
        int connects;
        int infos;
        VarTable vars;

        @Override
        public void connected(IrsdkHeader header, VarTable v) {
            connects++;
            vars = v;
        }

        @Override
        public void sessionInfo(byte[] yaml) {
            infos++;
        }

        @Override
        public void row(ByteBuffer row, int tick, long readNanos) {
            ticks.add(tick);
            speeds.add((double) row.getFloat(vars.get("Speed").offset()));
        }

        @Override
        public void disconnected(String reason) {
            disconnects.add(reason);
        }

        @Override
        public void problem(SourceProblem problem) {
            problems.add(problem);
        }
    }

    private static LiveSession session(ScriptedSim sim, Recorder rec, boolean endOnExit) {
        AtomicLong clock = new AtomicLong();
        LiveSession s = new LiveSession(sim, new LiveSettings(Duration.ofMillis(100), Duration.ZERO,
                Duration.ofSeconds(30), endOnExit), () -> clock.addAndGet(1_000_000), rec);
        sim.session = s;
        return s;
    }

    @Test
    void waitsForTheSimThenReadsEachNewTickAndEndsWhenItLeaves() throws Exception {
        ScriptedSim sim = new ScriptedSim();
        sim.absentPolls.push(3);
        List<Runnable> steps = new ArrayList<>();
        steps.add(sim.tick(1, 10));
        steps.add(sim.tick(2, 20));
        steps.add(() -> { });                        // a missed pulse: nothing new
        steps.add(sim.tick(3, 30));
        steps.add(() -> {                            // two ticks between waits: only the newest is read
            sim.tick(4, 40).run();
            sim.tick(5, 50).run();
        });
        sim.sessions.add(steps);
        Recorder rec = new Recorder();
        session(sim, rec, true).run();

        assertEquals(4, sim.opens, "three polls while the sim was absent, then connected");
        assertEquals(1, rec.connects);
        assertEquals(1, rec.infos);
        assertEquals(List.of(1, 2, 3, 5), rec.ticks);
        assertEquals(List.of(10.0, 20.0, 30.0, 50.0), rec.speeds);
        assertEquals(List.of("iRacing left the session (status 0)"), rec.disconnects);
        assertEquals(1, sim.closed, "handles released on exit");
    }

    @Test
    void tornReadsAreSkippedAndCountedAndWaitModeReconnects() throws Exception {
        ScriptedSim sim = new ScriptedSim();
        sim.sessions.add(List.of(sim.tick(1, 10), () -> {
            sim.tick(2, 20).run();
            sim.current.beginWrite(2);               // the sim is rewriting the newest row under us
        }, sim.tick(3, 30)));
        sim.sessions.add(List.of(sim.tick(7, 70), sim.tick(8, 80), () -> {
            for (int i = 0; i < 3; i++) {
                sim.tick(4, 40).run();               // the sim restarted: every buffer holds an older tick
            }
        }));
        Recorder rec = new Recorder();
        LiveSession s = session(sim, rec, false);
        s.run();

        assertEquals(List.of(1, 3, 7, 8), rec.ticks);
        assertEquals(1, s.tornReads());
        assertEquals(1, rec.problems.stream().filter(p -> p.kind().equals("torn-read")).count());
        assertEquals(2, rec.connects, "waited for the sim and connected again");
        assertEquals(2, rec.disconnects.size());
        assertTrue(rec.disconnects.get(1).contains("tick count went back from 8 to 4"), rec.disconnects.get(1));
        assertEquals(2, sim.closed);
    }

    @Test
    void noNewTickForTheStaleTimeCountsAsGone() throws Exception {
        ScriptedSim sim = new ScriptedSim();
        List<Runnable> steps = new ArrayList<>();
        steps.add(sim.tick(1, 10));
        for (int i = 0; i < 40; i++) {
            steps.add(() -> { });                    // connected but frozen
        }
        sim.sessions.add(steps);
        Recorder rec = new Recorder();
        AtomicLong clock = new AtomicLong();
        LiveSession s = new LiveSession(sim, new LiveSettings(Duration.ofMillis(100), Duration.ZERO,
                Duration.ofSeconds(2), true), () -> clock.addAndGet(100_000_000), rec);
        sim.session = s;
        s.run();
        assertEquals(List.of(1), rec.ticks);
        assertEquals(List.of("no new data for 2 s"), rec.disconnects);
    }
}
