package io.slipstream.view.index;

import io.slipstream.view.series.Block;
import io.slipstream.view.series.ChannelSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the view knows of one session: its identity, channels, series, markers and events, built as its
 * packets are read and then forgotten. Bounded: a session with more channels, markers or events than the
 * limits keeps the first ones and counts the rest in {@link #dropped()}.
 */
public final class SessionIndex {

    /** The most channels one session may declare to the view. */
    public static final int MAX_CHANNELS = 50_000;
    /** The most markers, and separately events, the view keeps per session. */
    public static final int MAX_MARKS = 100_000;

    private final String key;
    private final Map<String, ChannelInfo> channels = new LinkedHashMap<>();
    private final Map<String, ChannelSeries> series = new LinkedHashMap<>();
    private final List<MarkerMark> markers = new ArrayList<>();
    private final List<EventMark> events = new ArrayList<>();
    private final Dropped dropped = new Dropped();
    private String identifier = "";
    private String type = "";
    private String dataSource = "";
    private boolean ended;
    private long packets;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    /** @param key the session key */
    public SessionIndex(String key) {
        this.key = key;
    }

    /** @return the session key */
    public String key() {
        return key;
    }

    synchronized void identify(String identifier, String type, String dataSource) {
        this.identifier = identifier;
        this.type = type;
        this.dataSource = dataSource;
    }

    synchronized void packet() {
        packets++;
    }

    synchronized void end() {
        ended = true;
    }

    synchronized void declare(ChannelInfo channel) {
        if (channels.containsKey(channel.id())) {
            channels.put(channel.id(), channel);
        } else if (channels.size() >= MAX_CHANNELS) {
            dropped.add("channels beyond " + MAX_CHANNELS, 1);
        } else {
            channels.put(channel.id(), channel);
        }
    }

    synchronized void add(String channel, Block block) {
        if (block.size() == 0) {
            return;
        }
        ChannelSeries s = series.get(channel);
        if (s == null) {
            if (!channels.containsKey(channel)) {
                declare(new ChannelInfo(channel, channel, "", "not in any configuration of the session", 0, 0, 0));
                if (!channels.containsKey(channel)) {
                    dropped.add("samples of channels beyond " + MAX_CHANNELS, block.size());
                    return;
                }
            }
            s = new ChannelSeries();
            series.put(channel, s);
        }
        s.add(block);
        first = Math.min(first, block.start());
        last = Math.max(last, block.end());
    }

    synchronized void marker(MarkerMark m) {
        if (markers.size() >= MAX_MARKS) {
            dropped.add("markers beyond " + MAX_MARKS, 1);
        } else {
            markers.add(m);
        }
    }

    synchronized void event(EventMark e) {
        if (events.size() >= MAX_MARKS) {
            dropped.add("events beyond " + MAX_MARKS, 1);
        } else {
            events.add(e);
        }
    }

    /** @return the counts of what was read but is not shown */
    public Dropped dropped() {
        return dropped;
    }

    /** @return a consistent snapshot of the session's summary */
    public synchronized SessionSummary summary() {
        return new SessionSummary(key, identifier, type, dataSource, first == Long.MAX_VALUE ? 0 : first,
                last == Long.MIN_VALUE ? 0 : last, !ended, channels.size(), packets, dropped.counts());
    }

    /** @return the declared channels, in declaration order */
    public synchronized List<ChannelInfo> channels() {
        return List.copyOf(channels.values());
    }

    /** @param channel a channel identifier @return its series, or null when it has no sample */
    public synchronized ChannelSeries series(String channel) {
        return series.get(channel);
    }

    /** @param channel a channel identifier @return whether the session declares it */
    public synchronized boolean declares(String channel) {
        return channels.containsKey(channel);
    }

    /** @return the number of samples per channel that has any */
    public synchronized Map<String, Long> samplesPerChannel() {
        Map<String, Long> out = new LinkedHashMap<>();
        series.forEach((id, s) -> out.put(id, s.samples()));
        return out;
    }

    /** @return the markers so far, in the order read */
    public synchronized List<MarkerMark> markers() {
        return List.copyOf(markers);
    }

    /** @return the events so far, in the order read */
    public synchronized List<EventMark> events() {
        return List.copyOf(events);
    }

}
