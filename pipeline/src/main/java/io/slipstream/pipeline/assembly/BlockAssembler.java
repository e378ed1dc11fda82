package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.MarkerRule;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.SessionDetails;
import io.slipstream.pipeline.markers.RuleState;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the samples of one pipeline run into configurations, blocks and markers, in the order a sink must send
 * them. Not thread-safe: feed it serially. Each call returns the events it produced (an immutable empty list when
 * none, so a sample that only fills a slot allocates nothing).
 *
 * <p>Channels are grouped by nominal rate ({@code interval = round(1e9 / frequencyHz)}); channels declared later
 * form new groups even at a rate already seen, so that a group's columns never change. A {@link Configuration}
 * with every channel and group so far precedes the first block of any new channel.
 */
public final class BlockAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(BlockAssembler.class);
    private static final byte MISSING = (byte) SampleStatus.MISSING.ordinal();
    /** Used when a channel without a rate shows only one read time before the source ends. */
    static final long FALLBACK_INTERVAL_NANOS = 1_000_000_000L;

    private final BlockSettings blockSettings;
    private final MarkerSettings markerSettings;
    private final PipelineCounters counters;
    private final ChannelRegistry registry;
    private final LongSupplier wallClock;

    private final Map<ChannelDefinition, Column> byInstance = new IdentityHashMap<>();
    private final Map<String, Column> byIdentifier = new HashMap<>();
    private final List<GroupAssembler> groups = new ArrayList<>();
    private final List<RateGroup> rateGroups = new ArrayList<>();
    private final List<ChannelDefinition> channels = new ArrayList<>();
    private final List<RateInference> inferring = new ArrayList<>();
    private final Set<String> warnedUndeclared = new HashSet<>();
    private SessionMetadata metadata = SessionMetadata.EMPTY;
    private int seenVersion;
    private int configVersion;
    private int nextGroupId = 1;
    private boolean outLapPending;
    private List<PipelineEvent> out;
    private Column lastColumn;

    /**
     * @param block     block settings
     * @param markers   marker settings
     * @param counters  where to count
     * @param registry  what the source declared
     * @param wallClock the clock linger is measured with, ns
     */
    public BlockAssembler(BlockSettings block, MarkerSettings markers, PipelineCounters counters,
                          ChannelRegistry registry, LongSupplier wallClock) {
        this.blockSettings = block;
        this.markerSettings = markers;
        this.counters = counters;
        this.registry = registry;
        this.wallClock = wallClock;
        this.outLapPending = markers.outLap();
    }

    /**
     * @param sample the next sample
     * @return the events it completed
     */
    public List<PipelineEvent> onSample(SampleValue sample) {
        if (registry.version() != seenVersion) {
            refresh();
        }
        dispatch(sample);
        return drain();
    }

    /**
     * A linger check: sends blocks that have been open too long in wall-clock time.
     *
     * @return the events it completed
     */
    public List<PipelineEvent> onTick() {
        long now = wallClock.getAsLong();
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).tick(now);
        }
        return drain();
    }

    /**
     * End of source: sends every open block and the markers they cover.
     *
     * @return the final events
     */
    public List<PipelineEvent> finish() {
        refresh();
        for (RateInference batch : List.copyOf(inferring)) {
            if (!batch.held().isEmpty()) {
                LOG.warn("Channels {} have no nominal rate and ended before a second read time; their {} samples are"
                        + " sent at an assumed interval of 1 s", batch.channels(), batch.held().size());
                inferred(batch, FALLBACK_INTERVAL_NANOS);
            }
        }
        for (GroupAssembler g : groups) {
            g.finish();
        }
        for (MarkerRule rule : markerSettings.rules()) {
            // A source that declared nothing (it failed at once, say) has its own error; this would only be noise.
            if (!byIdentifier.isEmpty() && !byIdentifier.containsKey(rule.channel())) {
                LOG.warn("Marker rule on channel '{}' made no markers: the source declared no such channel", rule.channel());
            }
        }
        return drain();
    }

    private List<PipelineEvent> drain() {
        List<PipelineEvent> events = out;
        if (events == null) {
            // Most samples complete nothing: Collections.emptyList() hands out one shared iterator, where List.of()
            // makes a new one each time the pipeline's flattening step asks (32 B a sample in BlockAssemblyBenchmark).
            return Collections.emptyList();
        }
        out = null;
        return events;
    }

    private void emit(PipelineEvent event) {
        if (out == null) {
            out = new ArrayList<>(4);
        }
        out.add(event);
    }

    private Column lookup(ChannelDefinition channel) {
        Column previous = lastColumn;
        Column guess = previous == null ? null : previous.successor;
        if (guess != null && guess.channel == channel) {
            lastColumn = guess;
            return guess;
        }
        Column column = byInstance.get(channel);
        if (column == null) {
            column = byIdentifier.get(channel.identifier());
            if (column == null) {
                return null;
            }
            byInstance.put(channel, column);
        }
        if (previous != null && column.channel == channel) {
            previous.successor = column;
        }
        lastColumn = column;
        return column;
    }

    private void dispatch(SampleValue sample) {
        Column column = lookup(sample.channel());
        if (column == null) {
            undeclared(sample);
            return;
        }
        GroupAssembler group = column.group;
        if (group == null) {
            long interval = column.batch.hold(sample);
            if (interval > 0) {
                inferred(column.batch, interval);
            }
            return;
        }
        double value = sample.value();
        byte state = (byte) sample.status().ordinal();
        if (state == 0 && !Double.isFinite(value)) {
            counters.invalid();
            state = MISSING;
            value = Double.NaN;
        }
        long time = group.write(column.index, sample.timeNanos(), value, state);
        if (outLapPending) {
            outLapPending = false;
            group.addMarker(RuleState.outLap(time));
        }
        RuleState[] rules = column.rules;
        if (rules != null && state == 0) {
            for (RuleState rule : rules) {
                Marker m = rule.onValue(time, value);
                if (m != null) {
                    group.addMarker(m);
                }
            }
        }
        group.closeIfComplete();
    }

    private void undeclared(SampleValue sample) {
        counters.dropped("undeclared-channel", 1);
        if (warnedUndeclared.add(sample.channel().identifier())) {
            LOG.warn("Dropping samples of channel '{}' (first at {} ns): the source never declared it",
                    sample.channel().identifier(), sample.timeNanos());
        }
    }

    private void refresh() {
        ChannelRegistry.Snapshot snap = registry.snapshot();
        seenVersion = snap.version();
        SessionMetadata before = metadata;
        metadata = snap.metadata();
        if (configVersion > 0 && !metadata.fields().equals(before.fields())) {
            LOG.info("Session details changed: {}", metadata.fields());
            emit(new SessionDetails(metadata));
        }
        List<ChannelDefinition> fresh = new ArrayList<>();
        for (ChannelDefinition c : snap.channels()) {
            if (!byIdentifier.containsKey(c.identifier())) {
                fresh.add(c);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Map<Long, List<ChannelDefinition>> byInterval = new LinkedHashMap<>();
        List<ChannelDefinition> unrated = new ArrayList<>();
        for (ChannelDefinition c : fresh) {
            if (c.frequencyHz() > 0) {
                long interval = Math.max(1, Math.round(1e9 / c.frequencyHz()));
                byInterval.computeIfAbsent(interval, k -> new ArrayList<>()).add(c);
            } else {
                unrated.add(c);
            }
        }
        byInterval.forEach(this::addGroup);
        if (!unrated.isEmpty()) {
            RateInference batch = new RateInference(unrated);
            inferring.add(batch);
            for (ChannelDefinition c : unrated) {
                put(c, new Column(c, null, -1, null, batch));
            }
        }
        channels.addAll(fresh);
        configure();
    }

    private void inferred(RateInference batch, long interval) {
        inferring.remove(batch);
        addGroup(interval, batch.channels());
        configure();
        for (SampleValue held : batch.held()) {
            dispatch(held);
        }
        batch.held().clear();
    }

    private void addGroup(long interval, List<ChannelDefinition> members) {
        RateGroup rateGroup = new RateGroup(nextGroupId++, interval, members);
        GroupAssembler group = new GroupAssembler(rateGroup, blockSettings, counters, this::emit, wallClock);
        rateGroups.add(rateGroup);
        groups.add(group);
        for (int i = 0; i < members.size(); i++) {
            put(members.get(i), new Column(members.get(i), group, i, rulesFor(members.get(i)), null));
        }
    }

    private void put(ChannelDefinition channel, Column column) {
        // successor guesses may point at the column being replaced (a channel whose rate was just inferred)
        lastColumn = null;
        for (Column c : byIdentifier.values()) {
            c.successor = null;
        }
        byIdentifier.put(channel.identifier(), column);
        byInstance.put(channel, column);
        // other instances with the same identifier are re-resolved through byIdentifier
        byInstance.entrySet().removeIf(e -> e.getKey() != channel && e.getKey().equals(channel));
    }

    private RuleState[] rulesFor(ChannelDefinition channel) {
        List<RuleState> states = new ArrayList<>();
        for (MarkerRule rule : markerSettings.rules()) {
            if (rule.channel().equals(channel.identifier())) {
                states.add(RuleState.of(rule));
            }
        }
        return states.isEmpty() ? null : states.toArray(new RuleState[0]);
    }

    private void configure() {
        Configuration config = new Configuration(++configVersion, channels, rateGroups, metadata);
        LOG.info("Configuration {}: {} channels in {} rate groups", config.version(), config.channels().size(),
                config.groups().size());
        emit(config);
    }
}
