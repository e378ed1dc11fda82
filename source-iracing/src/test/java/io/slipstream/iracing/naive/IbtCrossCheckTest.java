package io.slipstream.iracing.naive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.iracing.TestFiles;
import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.RowDecoder;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.live.LivePoll;
import io.slipstream.iracing.live.LiveRowReader;
import io.slipstream.iracing.live.MappedFileMemory;
import io.slipstream.iracing.replay.IbtFile;
import io.slipstream.iracing.session.SessionInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser against {@link NaiveIbt}, a second reader sharing no code with it, on the real files: every header
 * field the parser uses, every var header, and every element of every variable in every row. The literal values
 * in the other tests of the real files are what both readers agree on.
 */
class IbtCrossCheckTest {

    @Test
    void everyValueOfEveryRowOfTheRealIbtAgreesWithTheNaiveReader() throws Exception {
        NaiveIbt naive = NaiveIbt.read(TestFiles.path(TestFiles.VALID));
        try (IbtFile f = IbtFile.open(TestFiles.path(TestFiles.VALID))) {
            IrsdkHeader h = f.header();
            assertEquals(naive.version(), h.ver());
            assertEquals(naive.tickRate(), h.tickRate());
            assertEquals(naive.bufLen(), h.bufLen());
            assertEquals(naive.sessionInfoOffset(), h.sessionInfoOffset());
            assertEquals(naive.sessionInfoLen(), h.sessionInfoLen());
            assertEquals(naive.bufOffset(0), h.varBufs().get(0).bufOffset());
            assertEquals(naive.recordCount(), f.subHeader().sessionRecordCount());
            assertEquals(Math.min(naive.recordCount(), naive.rowsByLength()), f.rowCount());
            assertEquals(naive.sessionStartTime(), f.subHeader().sessionStartTime());
            assertEquals(naive.sessionEndTime(), f.subHeader().sessionEndTime());
            assertVars(naive, f.vars());

            List<RowDecoder.Element> elements = elements(f.vars());
            RowDecoder decoder = new RowDecoder(elements);
            double[] out = new double[decoder.width()];
            for (int row = 0; row < f.rowCount(); row++) {
                int start = f.rowStart(row);
                assertEquals(naive.bufOffset(0) + row * naive.bufLen(), start, "start of row " + row);
                decoder.decode(f.bytes(), start, out);
                assertRow(naive, start, elements, out, "row " + row);
            }
            assertEquals(naive.sessionInfo(), new String(f.sessionInfoBytes(), StandardCharsets.ISO_8859_1));
            assertEquals(SessionInfo.parse(naive.sessionInfo().getBytes(StandardCharsets.ISO_8859_1))
                    .trackDisplayName(), SessionInfo.parse(f.sessionInfoBytes()).trackDisplayName());
        }
    }

    @Test
    void theNewestRowOfTheLiveDumpAgreesWithTheNaiveReader() throws Exception {
        NaiveIbt naive = NaiveIbt.read(TestFiles.path(TestFiles.MEMDUMP));
        try (MappedFileMemory mem = MappedFileMemory.open(TestFiles.path(TestFiles.MEMDUMP))) {
            IrsdkHeader h = IrsdkHeader.read(mem.view(), TestFiles.MEMDUMP);
            assertEquals(naive.numBuf(), h.numBuf());
            assertEquals(naive.bufLen(), h.bufLen());
            assertEquals(naive.newestBuffer(), h.newestBuffer());
            VarTable vars = VarTable.read(mem.view(), h, TestFiles.MEMDUMP);
            assertVars(naive, vars);

            LiveRowReader reader = new LiveRowReader(mem.view(), h);
            assertEquals(new LivePoll.NewRow(naive.tickCount(naive.newestBuffer())), reader.poll());
            List<RowDecoder.Element> elements = elements(vars);
            RowDecoder decoder = new RowDecoder(elements);
            double[] out = new double[decoder.width()];
            ByteBuffer row = reader.row();
            decoder.decode(row, 0, out);
            assertRow(naive, naive.bufOffset(naive.newestBuffer()), elements, out, "newest row");
        }
    }

    private static void assertVars(NaiveIbt naive, VarTable vars) {
        assertEquals(naive.vars().size(), vars.size());
        List<String> names = new ArrayList<>(naive.vars().keySet());
        for (int i = 0; i < names.size(); i++) {
            NaiveIbt.Var n = naive.vars().get(names.get(i));
            VarHeader v = vars.vars().get(i);
            // The parser trims units: some files hold a lone space for "no unit".
            assertEquals(List.of(n.name(), n.type(), n.offset(), n.count(), n.countAsTime(), n.unit().strip()),
                    List.of(v.name(), v.type().code(), v.offset(), v.count(), v.countAsTime(), v.unit()), "var " + i);
        }
    }

    private static List<RowDecoder.Element> elements(VarTable vars) {
        List<RowDecoder.Element> out = new ArrayList<>();
        for (VarHeader v : vars.vars()) {
            for (int k = 0; k < v.count(); k++) {
                out.add(new RowDecoder.Element(v, k));
            }
        }
        return out;
    }

    private static void assertRow(NaiveIbt naive, int rowStart, List<RowDecoder.Element> elements, double[] out,
                                  String where) {
        for (int i = 0; i < elements.size(); i++) {
            RowDecoder.Element e = elements.get(i);
            double expected = naive.value(rowStart, e.var().name(), e.index());
            if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(out[i])
                    && !(Double.isNaN(expected) && Double.isNaN(out[i]))) {
                throw new AssertionError(where + ", " + e.var().name() + "[" + e.index() + "]: naive " + expected
                        + ", parser " + out[i]);
            }
        }
    }
}
