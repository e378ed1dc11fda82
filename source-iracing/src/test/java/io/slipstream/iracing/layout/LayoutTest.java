package io.slipstream.iracing.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.iracing.IrsdkWriter;
import io.slipstream.iracing.replay.IbtFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** All six types, arrays, unaligned offsets and both header versions, over bytes from the test writer. */
class LayoutTest {

    private static IrsdkWriter allTypes(int ver) {
        return new IrsdkWriter(ver).add("C", VarType.CHAR, "").add("B", VarType.BOOL, "")
                .add("I", VarType.INT, "").add("F", VarType.BIT_FIELD, "irsdk_Flags")
                .add("X", VarType.FLOAT, "m/s").add("D", VarType.DOUBLE, "s").add("A", VarType.FLOAT, 3, "C");
    }

    @Test
    void decodesEveryTypeAtUnalignedOffsetsInBothVersions() {
        for (int ver : new int[] {1, 2}) {
            IrsdkWriter w = allTypes(ver);
            byte[] row = w.row(Map.of("C", -5.0, "B", 1.0, "I", -123456.0, "F", (double) 0x80000004L,
                    "X", 52.087, "D", 1234.5678, "A[0]", 61.97, "A[2]", 56.65));
            IbtFile f = IbtFile.of("t.ibt", ByteBuffer.wrap(w.ibt(IrsdkWriter.yaml(), 1_700_000_000L, List.of(row, row))));
            assertEquals(ver, f.header().ver());
            assertEquals(2, f.rowCount());
            VarTable t = f.vars();
            assertTrue(t.get("I").offset() % 2 == 1, "the writer puts values at odd offsets");
            List<RowDecoder.Element> els = List.of(el(t, "C", 0), el(t, "B", 0), el(t, "I", 0), el(t, "F", 0),
                    el(t, "X", 0), el(t, "D", 0), el(t, "A", 0), el(t, "A", 1), el(t, "A", 2));
            double[] out = new double[els.size()];
            new RowDecoder(els).decode(f.bytes(), f.rowStart(1), out);
            assertArrayEquals(new double[] {-5, 1, -123456, 0x80000004L, (float) 52.087, 1234.5678, (float) 61.97, 0,
                    (float) 56.65}, out, 1e-9);
        }
    }

    private static RowDecoder.Element el(VarTable t, String name, int i) {
        return new RowDecoder.Element(t.get(name), i);
    }

    @Test
    void rejectsUnknownVersionAndValuesOutsideTheRow() {
        IrsdkWriter w = allTypes(2);
        byte[] file = w.ibt(IrsdkWriter.yaml(), 0, List.of(w.row(Map.of())));
        ByteBuffer b = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 3);
        LayoutException version = assertThrows(LayoutException.class, () -> IbtFile.of("v3.ibt", b));
        assertEquals(0, version.offset());

        ByteBuffer c = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN);
        int aHeader = 144 + 7 * 144; // the array A: push it past the row's end
        c.putInt(aHeader + 4, w.bufLen() - 4);
        LayoutException outside = assertThrows(LayoutException.class, () -> IbtFile.of("o.ibt", c));
        assertEquals(aHeader + 4, outside.offset());
        assertTrue(outside.getMessage().contains("variable A spans row bytes"), outside.getMessage());
    }

    @Test
    void aRowCutShortAtTheEndIsIgnoredAndReported() {
        IrsdkWriter w = allTypes(2);
        byte[] file = w.ibt(IrsdkWriter.yaml(), 0, List.of(w.row(Map.of()), w.row(Map.of()), w.row(Map.of())));
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(file, file.length - 5)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(140, 0); // a sim that crashed never wrote the record count
        IbtFile f = IbtFile.of("crashed.ibt", b);
        assertEquals(2, f.rowCount());
        assertEquals(w.bufLen() - 5, f.partialRowBytes());
    }

    @Test
    void forgedCountsAndLengthsAreRefusedBeforeAnythingIsAllocated() {
        IrsdkWriter w = allTypes(2);
        byte[] file = w.ibt(IrsdkWriter.yaml(), 0, List.of(w.row(Map.of())));
        ByteBuffer vars = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 70_000);
        assertEquals("v.ibt at offset 24: numVars is 70000, expected 1..65536 variables",
                assertThrows(LayoutException.class, () -> IbtFile.of("v.ibt", vars)).getMessage());
        ByteBuffer info = ByteBuffer.wrap(file.clone()).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 17 << 20);
        assertEquals("s.ibt at offset 16: sessionInfoLen is 17825792, expected at most 16777216 bytes of session info",
                assertThrows(LayoutException.class, () -> IbtFile.of("s.ibt", info)).getMessage());

        IrsdkWriter wide = new IrsdkWriter(2).add("SessionTime", VarType.DOUBLE, "s")
                .add("Wide", VarType.CHAR, VarTable.MAX_ELEMENTS, "");
        ByteBuffer big = ByteBuffer.wrap(wide.ibt(new byte[0], 0, List.of(wide.row(Map.of()))));
        LayoutException e = assertThrows(LayoutException.class, () -> IbtFile.of("w.ibt", big)); // Pad, SessionTime, Wide
        assertEquals("w.ibt at offset " + (144 + 2 * 144 + 8) + ": variable Wide has count 262144, which takes the"
                + " variables past 262144 values in all; expected a few thousand", e.getMessage());
    }
}
