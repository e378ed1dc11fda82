package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.slipstream.iracing.events.BitEvent;
import io.slipstream.iracing.events.EngineWarning;
import io.slipstream.iracing.events.Incident;
import io.slipstream.iracing.events.RepairsNeeded;
import io.slipstream.iracing.events.SessionFlag;
import io.slipstream.spi.EventDefinition;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events from the repository's real files, checked against what a naive scan of the raw columns says they
 * should be: one buffer, rows one after another, every value read at its var header's offset.
 */
class RealFileEventsTest {

    /** A deliberately simple reader of an .ibt: the header fields it needs and whole rows. */
    private record NaiveIbt(ByteBuffer b, Map<String, Integer> offsets, int bufLen, int firstRow, int rows) {

        static NaiveIbt read(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            Map<String, Integer> offsets = new HashMap<>();
            for (int i = 0; i < b.getInt(24); i++) {
                int at = b.getInt(28) + i * 144;
                byte[] raw = new byte[32];
                b.get(at + 16, raw);
                offsets.put(new String(raw, StandardCharsets.ISO_8859_1).split("\0")[0], b.getInt(at + 4));
            }
            int bufLen = b.getInt(36);
            int firstRow = b.getInt(52);
            return new NaiveIbt(b, offsets, bufLen, firstRow, (bytes.length - firstRow) / bufLen);
        }

        /** @return the var header's offset field, or -1 when no variable has that name */
        int offsetOf(String name) {
            return offsets.getOrDefault(name, -1);
        }

        long bits(int row, String name) {
            return Integer.toUnsignedLong(b.getInt(firstRow + row * bufLen + offsetOf(name)));
        }

        int integer(int row, String name) {
            return b.getInt(firstRow + row * bufLen + offsetOf(name));
        }

        float real(int row, String name) {
            return b.getFloat(firstRow + row * bufLen + offsetOf(name));
        }

        void putBits(int row, String name, long value) {
            b.putInt(firstRow + row * bufLen + offsetOf(name), (int) value);
        }

        void putFloat(int row, String name, float value) {
            b.putFloat(firstRow + row * bufLen + offsetOf(name), value);
        }
    }

    /** What a happening is before it has a time: the row it is on. */
    private record Expected(String identifier, int row, List<Double> values) {
    }

    /** The rules, applied the simple way: baseline row, stale rows re-seed, repeated ticks skipped. */
    private static List<Expected> expected(NaiveIbt f) {
        List<Expected> out = new ArrayList<>();
        Integer base = null;
        int lastTick = 0;
        for (int r = 0; r < f.rows(); r++) {
            if (f.integer(r, "PlayerTrackSurface") == -1) {
                base = null;
                continue;
            }
            if (base != null && f.integer(r, "SessionTick") == lastTick) {
                continue;
            }
            if (base != null) {
                rising(out, f, base, r, SessionFlag.VARIABLE, SessionFlag.events());
                rising(out, f, base, r, EngineWarning.VARIABLE, EngineWarning.events());
                if (f.real(base, RepairsNeeded.VARIABLE) <= 0 && f.real(r, RepairsNeeded.VARIABLE) > 0) {
                    out.add(new Expected(RepairsNeeded.DEFINITION.identifier(), r,
                            List.of((double) f.real(r, RepairsNeeded.VARIABLE))));
                }
                int was = f.integer(base, Incident.VARIABLE);
                int now = f.integer(r, Incident.VARIABLE);
                if (now > was) {
                    out.add(new Expected(Incident.DEFINITION.identifier(), r, List.of((double) now - was,
                            (double) now)));
                }
            }
            base = r;
            lastTick = f.integer(r, "SessionTick");
        }
        return out;
    }

    private static void rising(List<Expected> out, NaiveIbt f, int base, int r, String var, List<BitEvent> bits) {
        for (BitEvent e : bits) {
            if ((f.bits(base, var) & e.bit()) == 0 && (f.bits(r, var) & e.bit()) != 0) {
                out.add(new Expected(e.definition().identifier(), r, List.of()));
            }
        }
    }

    private static List<SampleValue> replay(Path file, RecordingSourceContext<?> ctx) {
        return new IracingProvider().create(ConfigSection.of(Map.of("file", file.toString(),
                "channels", List.of("SessionTick")))).samples(ctx).collectList().block(Duration.ofSeconds(30));
    }

    /** The source's happenings, each placed on its row by the SessionTick sample that shares its time. */
    private static List<Expected> found(List<SampleValue> emitted) {
        List<Long> rowTimes = emitted.stream().filter(s -> s.channel().identifier().equals("SessionTick:iRacing"))
                .map(SampleValue::timeNanos).toList();
        return Happening.in(emitted).stream()
                .map(h -> new Expected(h.identifier(), rowTimes.indexOf(h.timeNanos()), h.values())).toList();
    }

    private static List<EventDefinition> declarable(NaiveIbt f) {
        List<EventDefinition> all = new ArrayList<>();
        if (f.offsetOf(SessionFlag.VARIABLE) >= 0) {
            SessionFlag.events().forEach(e -> all.add(e.definition()));
        }
        if (f.offsetOf(EngineWarning.VARIABLE) >= 0) {
            EngineWarning.events().forEach(e -> all.add(e.definition()));
        }
        if (f.offsetOf(RepairsNeeded.VARIABLE) >= 0) {
            all.add(RepairsNeeded.DEFINITION);
        }
        if (f.offsetOf(Incident.VARIABLE) >= 0 || f.offsetOf(Incident.FALLBACK) >= 0) {
            all.add(Incident.DEFINITION);
        }
        return all;
    }

    @Test
    void theValidIbtRaisesWhatItsColumnsShowAndItsFirstRowIsOnlyABaseline() throws IOException {
        NaiveIbt f = NaiveIbt.read(Files.readAllBytes(TestFiles.path(TestFiles.VALID)));
        assertNotEquals(0, f.bits(0, EngineWarning.VARIABLE),
                "row 0 already shows warnings: reading it as events would be wrong, which this test would see");
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> emitted = replay(TestFiles.path(TestFiles.VALID), ctx);
        assertEquals(expected(f), found(emitted));
        assertEquals(List.of(declarable(f)), ctx.eventDeclarations());
        assertEquals(List.of(), ctx.problems());
    }

    @Test
    void theValidIbtWithHappeningsWrittenIntoItsRowsRaisesEachOfThem(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(TestFiles.path(TestFiles.VALID));
        NaiveIbt f = NaiveIbt.read(bytes);
        for (int r = 0; r < f.rows(); r++) {
            long flags = f.bits(r, SessionFlag.VARIABLE);
            if (r >= 100) {
                flags |= SessionFlag.YELLOW.event().bit();
            }
            if (r >= 120 && r < 180) {
                flags |= SessionFlag.BLUE.event().bit();
            }
            f.putBits(r, SessionFlag.VARIABLE, flags);
            long warnings = f.bits(r, EngineWarning.VARIABLE);
            f.putBits(r, EngineWarning.VARIABLE, r % 50 >= 40 ? warnings | EngineWarning.REV_LIMITER.event().bit()
                    : warnings);
            f.b().putInt(f.firstRow() + r * f.bufLen() + f.offsetOf(Incident.VARIABLE),
                    f.integer(r, Incident.VARIABLE) + (r >= 250 ? 2 : 0) + (r >= 330 ? 1 : 0));
            if (r >= 300) {
                f.putFloat(r, RepairsNeeded.VARIABLE, 45.5f - r / 10f);
            }
        }
        Path file = Files.write(dir.resolve("with-happenings.ibt"), bytes);
        List<Expected> expected = expected(NaiveIbt.read(Files.readAllBytes(file)));
        assertFalse(expected.isEmpty());
        assertEquals(expected, found(replay(file, RecordingSourceContext.realTime())));
    }

    @Test
    void theMemoryDumpsOneRowIsABaselineWithEveryEventDeclared() throws IOException {
        NaiveIbt f = NaiveIbt.read(Files.readAllBytes(TestFiles.path(TestFiles.MEMDUMP)));
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        List<SampleValue> emitted = replay(TestFiles.path(TestFiles.MEMDUMP), ctx);
        assertEquals(List.of(), Happening.in(emitted));
        assertEquals(List.of(declarable(f)), ctx.eventDeclarations());
    }
}
