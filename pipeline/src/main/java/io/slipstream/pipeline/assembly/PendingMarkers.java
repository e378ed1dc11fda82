package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Markers of one group waiting for the data (block or row batch) that holds their time to be emitted. */
final class PendingMarkers {

    private final List<Marker> markers = new ArrayList<>();
    private final PipelineCounters counters;

    PendingMarkers(PipelineCounters counters) {
        this.counters = counters;
    }

    /** @param marker a marker whose time lies in the open block or batch */
    void add(Marker marker) {
        markers.add(marker);
        counters.markerFound();
    }

    /**
     * Emits, in order, the markers at or before the last time of data just emitted; the others keep waiting.
     *
     * @param lastNanos the last time the emitted data covers
     * @param out       where they go
     */
    void emitCovered(long lastNanos, Consumer<PipelineEvent> out) {
        if (markers.isEmpty()) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            if (m.timeNanos() <= lastNanos) {
                out.accept(m);
                counters.marker();
            } else {
                markers.set(kept++, m);
            }
        }
        markers.subList(kept, markers.size()).clear();
    }
}
