package io.slipstream.view.index;

import java.util.Map;

/**
 * A session as the sessions list shows it.
 *
 * @param key        the session key
 * @param identifier its identifier (e.g. the replayed file's name)
 * @param type       its type
 * @param dataSource its data source
 * @param start      its first sample time, ns since the Unix epoch (0 before any data)
 * @param last       its last sample time, ns (0 before any data)
 * @param live       {@code true} until its EndOfSession is read
 * @param channels   how many channels it declares
 * @param packets    how many packets of it were read
 * @param dropped    what was read but is not shown, by reason
 */
public record SessionSummary(String key, String identifier, String type, String dataSource, long start, long last,
                             boolean live, int channels, long packets, Map<String, Long> dropped) {

    /** @return the time between the first and the last sample, ns */
    public long durationNanos() {
        return Math.max(0, last - start);
    }
}
