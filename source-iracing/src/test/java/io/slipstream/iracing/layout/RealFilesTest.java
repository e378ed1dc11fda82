package io.slipstream.iracing.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.TestFiles;
import io.slipstream.iracing.live.LivePoll;
import io.slipstream.iracing.live.LiveRowReader;
import io.slipstream.iracing.live.MappedFileMemory;
import io.slipstream.iracing.replay.IbtFile;
import io.slipstream.iracing.session.SessionInfo;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser over the three real files. The literal values here are what the parser and {@code naive.NaiveIbt}, a
 * second reader that shares no code with it, agree on; {@code naive.IbtCrossCheckTest} compares the two on every value.
 */
class RealFilesTest {

    private static double[] decode(IbtFile f, int row, String... names) {
        List<RowDecoder.Element> els = Arrays.stream(names).map(n -> new RowDecoder.Element(f.vars().get(n), 0)).toList();
        double[] out = new double[names.length];
        new RowDecoder(els).decode(f.bytes(), f.rowStart(row), out);
        return out;
    }

    @Test
    void validIbtHasTheRecordedLayoutAndValues() throws Exception {
        try (IbtFile f = IbtFile.open(TestFiles.path(TestFiles.VALID))) {
            IrsdkHeader h = f.header();
            assertEquals(2, h.ver());
            assertEquals(60, h.tickRate());
            assertEquals(276, f.vars().size());
            assertEquals(1072, h.bufLen());
            assertEquals(39_888, h.sessionInfoOffset());
            assertEquals(13_876, h.sessionInfoLen());
            assertEquals(53_764, h.varBufs().get(0).bufOffset());
            assertEquals(390, f.rowCount());
            assertEquals(390, f.subHeader().sessionRecordCount());
            assertEquals(0, f.partialRowBytes());

            double[] first = decode(f, 0, "Speed", "RPM", "Lap", "SessionTime");
            assertEquals(0.048, first[0], 0.0005);
            assertEquals(0.04754703864455223, first[0], 1e-9);
            assertEquals(300.0, first[1]);
            assertEquals(9.0, first[2]);
            assertEquals(932.000000635264, first[3], 1e-9);
            assertEquals(first[3], f.subHeader().sessionStartTime(), 1e-9);

            double[] last = decode(f, 389, "Speed", "RPM", "Lap", "SessionTime");
            assertEquals(2.2333006199914962e-05, last[0], 1e-12);
            assertEquals(4000.039306640625, last[1], 1e-9);
            assertEquals(9.0, last[2]);
            assertEquals(938.4833339685914, last[3], 1e-9);
            assertEquals(last[3], f.subHeader().sessionEndTime(), 1e-9);

            double[] pit = decode(f, 0, "OnPitRoad", "LapCompleted", "SessionFlags");
            assertEquals(1.0, pit[0]);
            assertEquals(8.0, pit[1]);
            assertTrue(pit[2] >= 0, "bit fields read unsigned");

            VarHeader st = f.vars().get("SteeringWheelTorque_ST");
            assertEquals(6, st.count());
            assertTrue(st.countAsTime());

            SessionInfo info = SessionInfo.parse(f.sessionInfoBytes());
            assertEquals("Red Bull Ring", info.trackDisplayName());
            assertEquals("spielberg gp", info.trackName());
            assertEquals("Mercedes-AMG W13 E Performance", info.carName());
            assertEquals("George v Rensburg", info.driverName());
            assertEquals("Offline Testing", info.sessionType(0));
            assertEquals("2024.06.10.01", info.buildVersion());
        }
    }

    @Test
    void memoryDumpYieldsItsNewestBufferThroughTheLiveReader() throws Exception {
        try (MappedFileMemory mem = MappedFileMemory.open(TestFiles.path(TestFiles.MEMDUMP))) {
            IrsdkHeader h = IrsdkHeader.read(mem.view(), TestFiles.MEMDUMP);
            h.validate(mem.view().limit(), TestFiles.MEMDUMP);
            assertEquals(3, h.numBuf());
            assertEquals(8154, h.bufLen());
            assertEquals(List.of(2004, 2005, 2003), h.varBufs().stream().map(VarBuf::tickCount).toList());
            VarTable vars = VarTable.read(mem.view(), h, TestFiles.MEMDUMP);
            assertEquals(323, vars.size());
            assertEquals(64, vars.get("CarIdxRPM").count());

            LiveRowReader reader = new LiveRowReader(mem.view(), h);
            LivePoll poll = reader.poll();
            assertEquals(new LivePoll.NewRow(2005), poll);
            ByteBuffer row = reader.row();
            assertEquals(3443, row.getInt(vars.get("SessionTick").offset()));
            assertEquals(53.15, row.getDouble(vars.get("SessionTime").offset()), 0.001);
            assertEquals(0.0, row.getFloat(vars.get("Speed").offset()));
            assertEquals(300.0, row.getFloat(vars.get("RPM").offset()));
            assertEquals(0, row.getInt(vars.get("Lap").offset()));
            assertEquals(new LivePoll.NoNewData(), reader.poll(), "a dump never ticks again");

            byte[] yaml = new byte[h.sessionInfoLen()];
            mem.view().get(h.sessionInfoOffset(), yaml);
            SessionInfo info = SessionInfo.parse(yaml);
            assertEquals("Autodromo Nazionale Monza", info.trackDisplayName());
            assertEquals("2024.08.01.01", info.buildVersion());
        }
    }

    @Test
    void invalidFileIsRejectedNamingTheOffset() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> IbtFile.open(TestFiles.path(TestFiles.INVALID)).close());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains(TestFiles.INVALID + " at offset 0: header version is 1635021600"),
                e.getMessage());
    }

    @Test
    void truncatedFileNamesTheRegionThatRunsPastTheEnd() throws Exception {
        byte[] whole = Files.readAllBytes(TestFiles.path(TestFiles.VALID));
        byte[] cut = Arrays.copyOf(whole, 20_000);
        LayoutException e = assertThrows(LayoutException.class, () -> IbtFile.of("cut.ibt", ByteBuffer.wrap(cut)));
        assertEquals(28, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("var headers span bytes 144..39888"), e.getMessage());
    }

    @Test
    void corruptVarHeaderTypeIsRejectedAtItsOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(TestFiles.path(TestFiles.VALID));
        int third = 144 + 2 * 144;
        bytes[third] = 9;
        LayoutException e = assertThrows(LayoutException.class, () -> IbtFile.of("bad.ibt", ByteBuffer.wrap(bytes)));
        assertEquals(third, e.offset());
        assertTrue(e.getMessage().contains("var header 2 has type 9, expected 0..5"), e.getMessage());
    }
}
