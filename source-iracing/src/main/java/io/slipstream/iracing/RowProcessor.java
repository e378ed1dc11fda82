package io.slipstream.iracing;

import io.slipstream.iracing.channels.ChannelSelection;
import io.slipstream.iracing.events.RowEvents;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.markers.DerivedChannels;
import io.slipstream.iracing.markers.LapDetector;
import io.slipstream.iracing.markers.PitDetector;
import io.slipstream.iracing.markers.SignalReader;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one row into samples, all stamped with the row's one read time: the selected channels, then the derived
 * lap and pit counters from the same row (one clock for data and markers), then the row's event occurrences.
 */
final class RowProcessor {

    private final ChannelSelection selection;
    private final SignalReader signals;
    private final LapDetector laps;
    private final PitDetector pits;
    private final List<ChannelDefinition> derived;
    private final RowEvents events;
    private final double[] values;

    RowProcessor(VarTable table, ChannelSelection selection, double hz, LapDetector laps, PitDetector pits,
                 RowEvents events) {
        this.selection = selection;
        this.signals = new SignalReader(table);
        this.laps = laps;
        this.pits = pits;
        this.derived = DerivedChannels.definitions(hz);
        this.events = events;
        this.values = new double[selection.decoder().width()];
    }

    /** @return every channel this processor emits: the selection, then the derived counters */
    List<ChannelDefinition> definitions() {
        List<ChannelDefinition> all = new ArrayList<>(selection.definitions());
        all.addAll(derived);
        return all;
    }

    /**
     * @param buf       bytes holding the row
     * @param rowStart  absolute offset of the row
     * @param timeNanos the row's read time
     * @return one sample per channel of {@link #definitions()}, in that order, then the row's event occurrences
     */
    List<SampleValue> process(ByteBuffer buf, int rowStart, long timeNanos) {
        selection.decoder().decode(buf, rowStart, values);
        signals.read(buf, rowStart);
        double lap = laps.update(signals);
        pits.update(signals);
        List<SampleValue> out = new ArrayList<>(values.length + derived.size());
        for (int i = 0; i < values.length; i++) {
            out.add(SampleValue.of(selection.channels().get(i).definition(), timeNanos, values[i]));
        }
        out.add(Double.isNaN(lap) ? SampleValue.missing(derived.get(0), timeNanos)
                : SampleValue.of(derived.get(0), timeNanos, lap));
        out.add(SampleValue.of(derived.get(1), timeNanos, pits.entries()));
        out.add(SampleValue.of(derived.get(2), timeNanos, pits.exits()));
        events.detect(buf, rowStart, timeNanos, out);
        return out;
    }
}
