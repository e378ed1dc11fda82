package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SessionMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the next {@link Configuration} will carry, and whether one is owed. A configuration is owed when something
 * that can be sent appears (a rate group, a row group, an event); it is emitted lazily, just before the first data
 * or occurrence that needs it, so that channels whose timing is still being judged and events declared with them
 * share one configuration rather than two.
 */
final class ConfigurationState {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationState.class);

    private final List<ChannelDefinition> channels = new ArrayList<>();
    private final List<RateGroup> rateGroups = new ArrayList<>();
    private final List<RowGroup> rowGroups = new ArrayList<>();
    private final List<EventDefinition> events = new ArrayList<>();
    private final Map<String, EventDefinition> eventsById = new HashMap<>();
    private SessionMetadata metadata = SessionMetadata.EMPTY;
    private int version;
    private int nextGroupId = 1;
    private boolean owed;

    /** @param fresh channels declared since the last call; they are listed in the next configuration */
    void channels(List<ChannelDefinition> fresh) {
        channels.addAll(fresh);
    }

    /** @return whether any channel was declared */
    boolean hasChannels() {
        return !channels.isEmpty();
    }

    /** @return an id for a new rate or row group, unique within the run */
    int nextGroupId() {
        return nextGroupId++;
    }

    /** @param g a new rate group */
    void add(RateGroup g) {
        rateGroups.add(g);
        owed = true;
    }

    /** @param g a new row group */
    void add(RowGroup g) {
        rowGroups.add(g);
        owed = true;
    }

    /**
     * @param declared every event declared so far; the new ones are added
     */
    void events(List<EventDefinition> declared) {
        for (EventDefinition e : declared) {
            if (eventsById.putIfAbsent(e.identifier(), e) == null) {
                events.add(e);
                owed = true;
            }
        }
    }

    /**
     * @param identifier an event identifier
     * @return the declared event, or null
     */
    EventDefinition event(String identifier) {
        return eventsById.get(identifier);
    }

    /** @param m the latest session metadata */
    void metadata(SessionMetadata m) {
        metadata = m;
    }

    /** @return the latest session metadata */
    SessionMetadata metadata() {
        return metadata;
    }

    /** @return whether a configuration was already emitted */
    boolean announced() {
        return version > 0;
    }

    /** @return true when a configuration is owed; it must then be taken with {@link #take()} */
    boolean owed() {
        return owed;
    }

    /** Owes a configuration even without groups (channels declared, no data sent: the end of a source). */
    void owe() {
        owed = true;
    }

    /** @return the owed configuration; no longer owed */
    Configuration take() {
        owed = false;
        Configuration config = new Configuration(++version, channels, rateGroups, rowGroups, events, metadata);
        LOG.info("Configuration {}: {} channels in {} rate groups and {} row groups, {} events", config.version(),
                config.channels().size(), config.groups().size(), config.rowGroups().size(), config.events().size());
        return config;
    }
}
