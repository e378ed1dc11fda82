package io.slipstream.iracing.events;

import io.slipstream.iracing.layout.Values;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.layout.VarType;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events one layout can raise, found row by row: session flags and engine warnings that come on, incidents,
 * and repairs becoming needed. Every event whose variable the layout has is {@linkplain #definitions() defined}
 * up front, whether or not it ever happens, so that the configuration stays the same all session.
 *
 * <p>Rows that cannot be trusted raise nothing: a row whose {@code SessionTick} (or, in files without it,
 * {@code SessionTime}) equals the previous row's is a repeat and is skipped; a stale row ({@code PlayerTrackSurface}
 * -1: the car is not in the world, as on row 0 of some files) is skipped and makes the next good row a new
 * baseline, because what changed while the car was away cannot be given a time.
 */
public final class RowEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RowEvents.class);

    private static final String TRACK_SURFACE = "PlayerTrackSurface";
    private static final String TICK = "SessionTick";
    private static final String TIME = "SessionTime";
    private static final double NOT_IN_WORLD = -1;

    private final List<RowWatcher> watchers;
    private final List<EventDefinition> definitions;
    private final VarHeader surface;
    private final VarHeader tick;
    private boolean ticked;
    private double lastTick;

    private RowEvents(List<RowWatcher> watchers, VarHeader surface, VarHeader tick) {
        this.watchers = List.copyOf(watchers);
        this.definitions = this.watchers.stream().flatMap(w -> w.definitions().stream()).toList();
        this.surface = surface;
        this.tick = tick;
    }

    /**
     * @param vars  the layout
     * @param where the input's name, for warnings
     * @return the events this layout's variables can raise
     */
    public static RowEvents of(VarTable vars, String where) {
        List<RowWatcher> watchers = new ArrayList<>();
        addBitField(watchers, vars, SessionFlag.VARIABLE, SessionFlag.events(), where);
        addBitField(watchers, vars, EngineWarning.VARIABLE, EngineWarning.events(), where);
        addIfPresent(watchers, RepairsNeeded.watcher(vars));
        addIfPresent(watchers, Incident.watcher(vars));
        VarHeader tick = vars.get(TICK) != null ? vars.get(TICK) : vars.get(TIME);
        return new RowEvents(watchers, vars.get(TRACK_SURFACE), tick);
    }

    /** @return events that are never raised, for a context that takes no events */
    public static RowEvents none() {
        return new RowEvents(List.of(), null, null);
    }

    private static void addBitField(List<RowWatcher> watchers, VarTable vars, String name,
                                    List<BitEvent> bits, String where) {
        VarHeader var = vars.get(name);
        if (var == null) {
            return;
        }
        if (var.type() != VarType.BIT_FIELD && var.type() != VarType.INT) {
            LOG.warn("{}: variable {} is of type {}, expected a 32-bit bit field; its events are off", where, name,
                    var.type());
            return;
        }
        watchers.add(new BitFieldWatcher(var, bits));
    }

    private static void addIfPresent(List<RowWatcher> watchers, RowWatcher watcher) {
        if (watcher != null) {
            watchers.add(watcher);
        }
    }

    /** @return every event this layout can raise, in a fixed order: flags, warnings, repairs, incident */
    public List<EventDefinition> definitions() {
        return definitions;
    }

    /**
     * Reads one row and adds an occurrence, stamped with the row's read time, for each happening since the last
     * trusted row. The first trusted row is the baseline.
     *
     * @param buf       bytes holding the row
     * @param rowStart  absolute offset of the row
     * @param timeNanos the row's read time
     * @param out       where occurrences go, after the row's samples
     */
    public void detect(ByteBuffer buf, int rowStart, long timeNanos, List<SampleValue> out) {
        if (watchers.isEmpty()) {
            return;
        }
        ByteBuffer le = buf.order() == ByteOrder.LITTLE_ENDIAN ? buf : buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (surface != null && Values.read(le, rowStart + surface.offset(), surface.type()) == NOT_IN_WORLD) {
            watchers.forEach(RowWatcher::reset);
            ticked = false;
            return;
        }
        if (tick != null) {
            double now = Values.read(le, rowStart + tick.offset(), tick.type());
            if (ticked && now == lastTick) {
                return;
            }
            lastTick = now;
            ticked = true;
        }
        for (RowWatcher w : watchers) {
            w.update(le, rowStart, timeNanos, out);
        }
    }
}
