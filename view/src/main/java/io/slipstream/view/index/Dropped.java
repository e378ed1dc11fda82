package io.slipstream.view.index;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the view read but does not show, by reason: nothing is left out silently. The page and the JSON show
 * these counts beside the session.
 */
public final class Dropped {

    private final Map<String, Long> byReason = new TreeMap<>();

    /** @param reason why, e.g. {@code string samples (not plotted)} @param count how many */
    public synchronized void add(String reason, long count) {
        if (count > 0) {
            byReason.merge(reason, count, Long::sum);
        }
    }

    /** @return a copy of the counts by reason */
    public synchronized Map<String, Long> counts() {
        return new TreeMap<>(byReason);
    }
}
