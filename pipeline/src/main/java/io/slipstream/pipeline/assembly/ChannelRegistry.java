package io.slipstream.pipeline.assembly;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SessionMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a source declared (channels, events, session metadata), written from the source's thread and read by the assembler. The assembler polls
 * {@link #version()} (one volatile read) and takes a {@link #snapshot()} only when it changed.
 */
public final class ChannelRegistry {

    /**
     * @param version  increases with every change
     * @param channels every channel declared so far, first declaration wins, in declaration order
     * @param metadata the latest session metadata
     * @param events   every event declared so far, first declaration wins, in declaration order
     */
    public record Snapshot(int version, List<ChannelDefinition> channels, SessionMetadata metadata,
                           List<EventDefinition> events) {
    }

    private final List<ChannelDefinition> channels = new ArrayList<>();
    private final List<EventDefinition> events = new ArrayList<>();
    private final Set<String> identifiers = new HashSet<>();
    private SessionMetadata metadata = SessionMetadata.EMPTY;
    private volatile int version;

    /** @param declared channels to add; ones already known (by identifier) are ignored */
    public synchronized void declare(List<ChannelDefinition> declared) {
        boolean added = false;
        for (ChannelDefinition c : declared) {
            if (events.stream().anyMatch(e -> e.identifier().equals(c.identifier()))) {
                throw new IllegalArgumentException("channel " + c.identifier() + " has the identifier of an event"
                        + " already declared; an identifier names one channel or one event in a session");
            }
            if (identifiers.add(c.identifier())) {
                channels.add(c);
                added = true;
            }
        }
        if (added) {
            version++;
        }
    }

    /**
     * @param declared events to add; ones already known (by identifier) are ignored
     * @throws IllegalArgumentException when an event's identifier is already a channel's, naming both
     */
    public synchronized void declareEvents(List<EventDefinition> declared) {
        boolean added = false;
        for (EventDefinition e : declared) {
            if (events.contains(e)) {
                continue;
            }
            if (identifiers.contains(e.identifier())) {
                throw new IllegalArgumentException("event " + e.identifier() + " has the identifier of a channel"
                        + " already declared; an identifier names one channel or one event in a session");
            }
            events.add(e);
            added = true;
        }
        if (added) {
            version++;
        }
    }

    /** @param m the session metadata, replacing what was there */
    public synchronized void metadata(SessionMetadata m) {
        metadata = m == null ? SessionMetadata.EMPTY : m;
        version++;
    }

    /** @return the change count */
    public int version() {
        return version;
    }

    /** @return the current state */
    public synchronized Snapshot snapshot() {
        return new Snapshot(version, List.copyOf(channels), metadata, List.copyOf(events));
    }
}
