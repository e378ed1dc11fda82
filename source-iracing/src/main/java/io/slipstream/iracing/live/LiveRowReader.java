package io.slipstream.iracing.live;

import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.VarBuf;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the newest row of a live map into a private copy (spec §2.3 and §2.4): pick the buffer with the largest
 * tick count, copy it, re-read its descriptor, and accept the copy only if the tick did not move (and, when the
 * sim fills SDK 1.20's {@code tickCountBegin}, only if begin equals end). Two failed attempts skip the tick.
 * Works over any {@link ByteBuffer}: the Windows view, or a mapped dump.
 */
public final class LiveRowReader {

    private final ByteBuffer view;
    private final IrsdkHeader layout;
    private final byte[] copy;
    private final ByteBuffer row;
    private int lastTick = Integer.MIN_VALUE;
    private long tornReads;

    /**
     * @param view   the map
     * @param layout its validated header, whose row length and var table the copies follow
     */
    public LiveRowReader(ByteBuffer view, IrsdkHeader layout) {
        this.view = view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.layout = layout;
        this.copy = new byte[layout.bufLen()];
        this.row = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** @return what the map holds now; on {@link LivePoll.NewRow} the row is in {@link #row()} */
    public LivePoll poll() {
        VarHandle.acquireFence();
        if ((view.getInt(4) & IrsdkHeader.STATUS_CONNECTED) == 0) {
            return new LivePoll.NotConnected();
        }
        if (view.getInt(36) != layout.bufLen() || view.getInt(24) != layout.numVars()
                || view.getInt(28) != layout.varHeaderOffset() || view.getInt(32) != layout.numBuf()) {
            return new LivePoll.LayoutChanged();
        }
        int newest = 0;
        int newestTick = Integer.MIN_VALUE;
        for (int i = 0; i < layout.numBuf(); i++) {
            int t = IrsdkHeader.readVarBuf(view, i).tickCount();
            if (t > newestTick) {
                newestTick = t;
                newest = i;
            }
        }
        if (lastTick != Integer.MIN_VALUE && newestTick < lastTick) {
            int was = lastTick;
            lastTick = newestTick;
            return new LivePoll.TickWentBack(was, newestTick);
        }
        if (newestTick == lastTick || newestTick <= 0) {
            // Equal: nothing new. Zero or below: the sim has not completed a row into any buffer yet.
            return new LivePoll.NoNewData();
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            VarHandle.acquireFence();
            VarBuf before = IrsdkHeader.readVarBuf(view, newest);
            if (before.bufOffset() < 0 || (long) before.bufOffset() + copy.length > view.limit()) {
                return new LivePoll.LayoutChanged();
            }
            view.get(before.bufOffset(), copy, 0, copy.length);
            VarHandle.acquireFence();
            VarBuf after = IrsdkHeader.readVarBuf(view, newest);
            boolean beginOk = after.tickCountBegin() == 0
                    || (after.tickCountBegin() == after.tickCount() && before.equals(after));
            if (before.tickCount() == after.tickCount() && beginOk) {
                lastTick = after.tickCount();
                return new LivePoll.NewRow(lastTick);
            }
        }
        tornReads++;
        return new LivePoll.Torn(newestTick);
    }

    /** @return the last accepted row copy, little-endian, starting at offset 0 */
    public ByteBuffer row() {
        return row;
    }

    /** @return the tick of the last accepted row, or {@link Integer#MIN_VALUE} before the first */
    public int lastTick() {
        return lastTick;
    }

    /** @return ticks skipped because the copy tore twice */
    public long tornReads() {
        return tornReads;
    }
}
