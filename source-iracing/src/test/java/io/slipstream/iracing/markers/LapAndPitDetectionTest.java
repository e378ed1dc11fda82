package io.slipstream.iracing.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.iracing.IrsdkWriter;
import io.slipstream.iracing.replay.IbtFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lap and pit detection over frames from the test writer: a stale first row, pit exit, two laps, a pit-road
 * flicker, a tow into the stall with the lap counter dropping to 0, a counter rise without a crossing, a session
 * reset, a lap in the new session and a pit entry.
 */
class LapAndPitDetectionTest {

    /** Builds the scenario row by row and remembers the row index of each event. */
    static final class Scenario {
        final IrsdkWriter writer = IrsdkWriter.playerCar();
        final List<byte[]> rows = new ArrayList<>();
        final Map<String, Double> s = new HashMap<>();
        double sessionTime;

        void emit(int n, double pctFrom, double pctTo) {
            for (int i = 0; i < n; i++) {
                s.put("LapDistPct", n == 1 ? pctFrom : pctFrom + (pctTo - pctFrom) * i / (n - 1));
                s.put("SessionTime", sessionTime);
                rows.add(writer.row(s));
                sessionTime += 1.0 / 60;
            }
        }

        void set(String k, double v) {
            s.put(k, v);
        }

        int next() {
            return rows.size();
        }
    }

    /** Rows at which the published values are expected to change. */
    record Expected(int seed, int lap6, int lap7, int reset, int lap1, int firstExit, int secondExit, int entry) {
    }

    static Scenario scenario(int[] marks) {
        Scenario sc = new Scenario();
        sc.set("PlayerTrackSurface", -1);
        sc.set("Lap", 0);
        sc.set("LapCompleted", 0);
        sc.emit(1, 0, 0);                                  // row 0: stale
        sc.set("PlayerTrackSurface", 1);
        sc.set("IsOnTrack", 1);
        sc.set("OnPitRoad", 1);
        sc.set("Lap", 6);
        sc.set("LapCompleted", 5);
        marks[0] = sc.next();
        sc.emit(19, 0.05, 0.06);                           // in the stall
        sc.set("OnPitRoad", 0);
        sc.set("PlayerTrackSurface", 3);
        marks[5] = sc.next() + PitDetector.DEBOUNCE_ROWS - 1;
        sc.emit(80, 0.07, 0.99);                           // pit exit, out lap
        sc.set("LapCompleted", 6);
        sc.set("Lap", 7);
        marks[1] = sc.next();
        sc.emit(9, 0.001, 0.05);                           // crossing: counter and wrap on the same row
        sc.set("OnPitRoad", 1);
        sc.emit(1, 0.06, 0.06);                            // one-row flicker: ignored
        sc.set("OnPitRoad", 0);
        sc.emit(90, 0.07, 0.995);
        sc.emit(2, 0.998, 0.999);
        marks[2] = sc.next() + 1;
        sc.emit(1, 0.0005, 0.0005);                        // wrap one row before the counter
        sc.set("LapCompleted", 7);
        sc.set("Lap", 8);
        sc.emit(40, 0.001, 0.3);
        sc.set("PlayerCarTowTime", 5);                     // tow into the stall: no entry
        sc.set("OnPitRoad", 1);
        sc.set("LapCompleted", 0);
        sc.set("Lap", 0);
        sc.emit(10, 0.04, 0.04);
        sc.set("LapCompleted", 7);
        sc.set("Lap", 8);
        sc.emit(10, 0.04, 0.04);
        sc.set("PlayerCarTowTime", 0);
        sc.emit(20, 0.04, 0.05);
        sc.set("OnPitRoad", 0);
        marks[6] = sc.next() + PitDetector.DEBOUNCE_ROWS - 1;
        sc.emit(20, 0.06, 0.5);                            // exit after the tow
        sc.set("LapCompleted", 8);
        sc.set("Lap", 9);
        sc.emit(30, 0.5, 0.6);                             // counter rise with no crossing: not a lap
        sc.sessionTime = 0;                                // a new session
        sc.set("SessionNum", 1);
        sc.set("LapCompleted", 0);
        sc.set("Lap", 1);
        marks[3] = sc.next();
        sc.emit(60, 0.3, 0.99);
        sc.set("LapCompleted", 1);
        sc.set("Lap", 2);
        marks[4] = sc.next();
        sc.emit(10, 0.002, 0.05);
        sc.set("OnPitRoad", 1);
        marks[7] = sc.next() + PitDetector.DEBOUNCE_ROWS - 1;
        sc.emit(10, 0.06, 0.07);
        return sc;
    }

    @Test
    void publishesOnlyRobustLapsAndDebouncedPitEdges() {
        int[] m = new int[8];
        Scenario sc = scenario(m);
        IbtFile f = IbtFile.of("laps.ibt", ByteBuffer.wrap(sc.writer.ibt(IrsdkWriter.yaml(), 1_700_000_000L, sc.rows)));
        SignalReader signals = new SignalReader(f.vars());
        LapDetector laps = new LapDetector();
        PitDetector pits = new PitDetector();
        List<String> lapChanges = new ArrayList<>();
        List<String> pitChanges = new ArrayList<>();
        double lastLap = Double.NaN;
        long lastEntries = 0;
        long lastExits = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            signals.read(f.bytes(), f.rowStart(r));
            double lap = laps.update(signals);
            pits.update(signals);
            if (Double.compare(lap, lastLap) != 0) {
                lapChanges.add(r + ":" + (long) lap);
                lastLap = lap;
            }
            if (pits.entries() != lastEntries || pits.exits() != lastExits) {
                pitChanges.add(r + (pits.entries() != lastEntries ? ":in" : ":out"));
                lastEntries = pits.entries();
                lastExits = pits.exits();
            }
        }
        assertEquals(List.of(m[0] + ":5", m[1] + ":6", m[2] + ":7", m[3] + ":0", m[4] + ":1"), lapChanges,
                "stale row 0 unseeded; laps 6 and 7; tow and no-wrap rise ignored; new session re-seeds; lap 1");
        assertEquals(3, laps.laps());
        assertEquals(1, laps.lapsWithoutCrossing(), "the rise from 7 to 8 without a wrap");
        assertEquals(1, laps.sessionResets());
        assertEquals(List.of(m[5] + ":out", m[6] + ":out", m[7] + ":in"), pitChanges,
                "flicker and tow ignored; exit after the tow counted");
    }
}
