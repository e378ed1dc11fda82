package io.slipstream.iracing.events;

import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleValue;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Watches one variable across rows for the happenings it shows. The first row a watcher sees after creation or
 * {@link #reset()} is its baseline: it raises nothing. Nothing a row holds makes a watcher throw: a live source
 * must outlive any one bad frame.
 */
sealed interface RowWatcher permits BitFieldWatcher, NumberWatcher {

    /** @return every event this watcher can raise, whether or not it ever does */
    List<EventDefinition> definitions();

    /**
     * Reads one row and adds an occurrence, stamped {@code timeNanos}, for each happening since the previous row.
     *
     * @param le        the row's bytes, little-endian
     * @param rowStart  absolute offset of the row
     * @param timeNanos the row's read time
     * @param out       where occurrences go
     */
    void update(ByteBuffer le, int rowStart, long timeNanos, List<SampleValue> out);

    /** Forgets the previous row: the next one is a baseline again. */
    void reset();
}
