package io.slipstream.iracing;

import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.VarType;
import io.slipstream.iracing.live.SharedMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test writer of the iRacing layout: var headers, rows, .ibt files and live maps, written the way the SDK's
 * writer lays them out. A one-byte variable first puts every later value at an odd (unaligned) offset.
 */
public final class IrsdkWriter {

    /** One declared variable. */
    public record Var(String name, VarType type, int count, int offset, String unit, boolean countAsTime) {
    }

    private final int ver;
    private final Map<String, Var> vars = new LinkedHashMap<>();
    private int bufLen;

    /** @param ver header version to write (1 or 2) */
    public IrsdkWriter(int ver) {
        this.ver = ver;
        add("Pad", VarType.CHAR, 1, "");
    }

    /** Declares a scalar. @param name name @param type type @param unit unit @return this */
    public IrsdkWriter add(String name, VarType type, String unit) {
        return add(name, type, 1, unit);
    }

    /** Declares a variable. @param name name @param type type @param count count @param unit unit @return this */
    public IrsdkWriter add(String name, VarType type, int count, String unit) {
        vars.put(name, new Var(name, type, count, bufLen, unit, name.endsWith("_ST")));
        bufLen += type.bytes() * count;
        return this;
    }

    /** The player-car variables the lap and pit detectors use, plus Speed and RPM. @return a writer */
    public static IrsdkWriter playerCar() {
        return new IrsdkWriter(2)
                .add("SessionTime", VarType.DOUBLE, "s").add("SessionNum", VarType.INT, "")
                .add("Lap", VarType.INT, "").add("LapCompleted", VarType.INT, "")
                .add("LapDistPct", VarType.FLOAT, "%").add("OnPitRoad", VarType.BOOL, "")
                .add("IsOnTrack", VarType.BOOL, "").add("PlayerTrackSurface", VarType.INT, "irsdk_TrkLoc")
                .add("PlayerCarTowTime", VarType.FLOAT, "s").add("Speed", VarType.FLOAT, "m/s")
                .add("RPM", VarType.FLOAT, "revs/min").add("SessionFlags", VarType.BIT_FIELD, "irsdk_Flags")
                .add("CarIdxRPM", VarType.FLOAT, 3, "revs/min");
    }

    /**
     * The variables the event detection reads: clock, tick, track surface, session flags, engine warnings, the
     * player's incident count and the repair time, plus Speed.
     *
     * @return a writer
     */
    public static IrsdkWriter eventsCar() {
        return new IrsdkWriter(2)
                .add("SessionTime", VarType.DOUBLE, "s").add("SessionTick", VarType.INT, "")
                .add("PlayerTrackSurface", VarType.INT, "irsdk_TrkLoc")
                .add("SessionFlags", VarType.BIT_FIELD, "irsdk_Flags")
                .add("EngineWarnings", VarType.BIT_FIELD, "irsdk_EngineWarnings")
                .add("PlayerCarMyIncidentCount", VarType.INT, "").add("PitRepairLeft", VarType.FLOAT, "s")
                .add("Speed", VarType.FLOAT, "m/s");
    }

    /** @return bytes per row */
    public int bufLen() {
        return bufLen;
    }

    /** @param values variable name to value (arrays: name[i]); others stay 0 @return one row */
    public byte[] row(Map<String, Double> values) {
        ByteBuffer b = ByteBuffer.allocate(bufLen).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach((key, value) -> {
            int bracket = key.indexOf('[');
            String name = bracket < 0 ? key : key.substring(0, bracket);
            int index = bracket < 0 ? 0 : Integer.parseInt(key.substring(bracket + 1, key.length() - 1));
            Var v = vars.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no variable " + name);
            }
            int at = v.offset() + index * v.type().bytes();
            switch (v.type()) {
                case CHAR, BOOL -> b.put(at, (byte) value.intValue());
                case INT -> b.putInt(at, value.intValue());
                case BIT_FIELD -> b.putInt(at, (int) value.longValue());
                case FLOAT -> b.putFloat(at, value.floatValue());
                case DOUBLE -> b.putDouble(at, value);
            }
        });
        return b.array();
    }

    private void writeHeader(ByteBuffer b, int status, int infoLen, int infoOffset, int varOffset, int numBuf) {
        b.putInt(0, ver).putInt(4, status).putInt(8, 60).putInt(12, 1).putInt(16, infoLen).putInt(20, infoOffset)
                .putInt(24, vars.size()).putInt(28, varOffset).putInt(32, numBuf).putInt(36, bufLen);
        int at = varOffset;
        for (Var v : vars.values()) {
            b.putInt(at, v.type().code()).putInt(at + 4, v.offset()).putInt(at + 8, v.count());
            b.put(at + 12, (byte) (v.countAsTime() ? 1 : 0));
            put(b, at + 16, v.name(), 32);
            put(b, at + 48, "desc of " + v.name(), 64);
            put(b, at + 112, v.unit(), 32);
            at += IrsdkHeader.VAR_HEADER_SIZE;
        }
    }

    private static void put(ByteBuffer b, int at, String s, int width) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < Math.min(bytes.length, width - 1); i++) {
            b.put(at + i, bytes[i]);
        }
    }

    /**
     * @param yaml      session info bytes
     * @param startDate Unix seconds of the session start
     * @param rows      the rows
     * @return a whole .ibt file
     */
    public byte[] ibt(byte[] yaml, long startDate, List<byte[]> rows) {
        int varOffset = IrsdkHeader.SIZE + 32;
        int infoOffset = varOffset + vars.size() * IrsdkHeader.VAR_HEADER_SIZE;
        int rowOffset = infoOffset + yaml.length;
        ByteBuffer b = ByteBuffer.allocate(rowOffset + rows.size() * bufLen).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(b, 1, yaml.length, infoOffset, varOffset, 1);
        b.putInt(48, rows.size()).putInt(52, rowOffset);
        b.putLong(112, startDate).putInt(140, rows.size());
        b.put(infoOffset, yaml);
        for (int r = 0; r < rows.size(); r++) {
            b.put(rowOffset + r * bufLen, rows.get(r));
        }
        return b.array();
    }

    /** @param yaml session info @param numBuf row buffers (3 live) @return a live map in the sim's geometry */
    public LiveMap live(byte[] yaml, int numBuf) {
        return new LiveMap(yaml, numBuf);
    }

    /** A live map written tick by tick, round-robin over its buffers, as the sim does. */
    public final class LiveMap {
        private final ByteBuffer buf;
        private final int numBuf;
        private final int firstRow;
        private int next;

        LiveMap(byte[] yaml, int numBuf) {
            int infoCapacity = yaml.length + 64;
            int varOffset = IrsdkHeader.SIZE + infoCapacity;
            this.firstRow = varOffset + vars.size() * IrsdkHeader.VAR_HEADER_SIZE;
            this.numBuf = numBuf;
            this.buf = ByteBuffer.allocate(firstRow + numBuf * bufLen).order(ByteOrder.LITTLE_ENDIAN);
            writeHeader(buf, 1, infoCapacity, IrsdkHeader.SIZE, varOffset, numBuf);
            buf.put(IrsdkHeader.SIZE, yaml);
            for (int i = 0; i < numBuf; i++) {
                buf.putInt(48 + 16 * i + 4, firstRow + i * bufLen);
            }
        }

        /** @return the map */
        public ByteBuffer buffer() {
            return buf;
        }

        /** @param onClose run when the memory is closed @return this map as the sim's shared memory */
        public SharedMemory memory(Runnable onClose) {
            return new SharedMemory() {
                @Override
                public ByteBuffer view() {
                    return buf;
                }

                @Override
                public void close() {
                    onClose.run();
                }
            };
        }

        /** @param tick tick count @param row the row @return this */
        public LiveMap write(int tick, byte[] row) {
            int slot = next;
            next = (next + 1) % numBuf;
            buf.put(firstRow + slot * bufLen, row);
            buf.putInt(48 + 16 * slot, tick);
            return this;
        }

        /**
         * Rewrites the session info and bumps {@code sessionInfoUpdate}, as the sim does when the YAML changes.
         *
         * @param yaml the new text; it must fit the area (the first YAML's length plus 64)
         * @return this
         */
        public LiveMap sessionInfo(byte[] yaml) {
            int offset = buf.getInt(20);
            int capacity = buf.getInt(16);
            if (yaml.length >= capacity) {
                throw new IllegalArgumentException(yaml.length + " bytes of YAML do not fit the " + capacity
                        + "-byte area with its NUL");
            }
            buf.put(offset, new byte[capacity]).put(offset, yaml);
            buf.putInt(12, buf.getInt(12) + 1);
            return this;
        }

        /** @param status the status bit field @return this */
        public LiveMap status(int status) {
            buf.putInt(4, status);
            return this;
        }

        /** Marks the buffer holding {@code tick} as being rewritten (SDK 1.20 begin counter ahead). @param tick tick */
        public void beginWrite(int tick) {
            for (int i = 0; i < numBuf; i++) {
                if (buf.getInt(48 + 16 * i) == tick) {
                    buf.putInt(48 + 16 * i + 8, tick + numBuf);
                }
            }
        }
    }

    /** @return a minimal session info document */
    public static byte[] yaml() {
        return ("---\nWeekendInfo:\n TrackName: testtrack\n TrackDisplayName: Test Track\n EventType: Test\n"
                + " BuildVersion: 2024.01.01.01\n\nSessionInfo:\n Sessions:\n - SessionNum: 0\n"
                + "   SessionType: Practice\n\nDriverInfo:\n DriverCarIdx: 0\n Drivers:\n - CarIdx: 0\n"
                + "   UserName: Test Driver\n   CarScreenName: Test Car\n\n...\n").getBytes(StandardCharsets.UTF_8);
    }

    /** @return a list for row builders */
    public static List<byte[]> rows() {
        return new ArrayList<>();
    }
}
