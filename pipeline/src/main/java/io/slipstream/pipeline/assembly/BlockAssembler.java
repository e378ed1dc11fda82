package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.EventOccurrence;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.pipeline.Marker;
import io.slipstream.pipeline.MarkerRule;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.SessionDetails;
import io.slipstream.pipeline.markers.RuleState;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the samples of one pipeline run into configurations, blocks, rows, event occurrences and markers, in the
 * order a sink must send them. Not thread-safe: feed it serially. Each call returns the events it produced (an
 * immutable empty list when none, so a sample that only fills a slot allocates nothing).
 *
 * <p>Each channel is sent the way its timing deserves. Channels declared together at one rate are first judged by a
 * {@link TimingProbe}: if they keep their rate they form a rate group (gapless blocks), else they go to rows.
 * Channels declared without a rate, and every channel under {@code block.gap: rows}, go to rows: a
 * {@link RowGrouping} puts channels read at the same instants into one row group. Channels declared later form new
 * groups, so a group's columns never change. Samples on an event's channel become {@link EventOccurrence}s at once.
 * A {@link io.slipstream.pipeline.Configuration} with every channel, group and event so far follows the forming of
 * new groups and always precedes the first data of any new group and the first occurrence of any new event.
 *
 * <p>A group's time only goes forward: a sample at or before the last time already sent for its group (a logger
 * that restarted, say) is dropped and counted as {@code time-backwards} (see {@link GroupAssembler},
 * {@link RowAssembler}); it makes no marker and is not counted invalid.
 */
public final class BlockAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(BlockAssembler.class);
    private static final byte MISSING = (byte) SampleStatus.MISSING.ordinal();

    private final BlockSettings blockSettings;
    private final MarkerSettings markerSettings;
    private final PipelineCounters counters;
    private final ChannelRegistry registry;
    private final LongSupplier wallClock;
    private final ConfigurationState state = new ConfigurationState();

    private final ColumnIndex columns = new ColumnIndex();
    private final Groups groups;
    private final List<TimingProbe> probes = new ArrayList<>();
    private final List<RowGrouping> groupings = new ArrayList<>();
    private final Set<String> warnedUndeclared = new HashSet<>();
    private int seenVersion;
    private boolean outLapPending;
    private List<PipelineEvent> out;

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
        this.groups = new Groups(block, markers, counters, state, columns, this::emitData, wallClock);
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
     * A linger check: sends blocks and row batches that have been open too long in wall-clock time, and judges the
     * timing of channels whose samples have been held that long.
     *
     * @return the events it completed
     */
    public List<PipelineEvent> onTick() {
        long now = wallClock.getAsLong();
        groups.tick(now);
        long linger = blockSettings.linger().toNanos();
        for (TimingProbe probe : List.copyOf(probes)) {
            boolean idle = probe.held().idleSinceTick();
            if (probe.held().overdue(now, linger)) {
                judge(probe, true, idle);
            }
        }
        for (RowGrouping grouping : List.copyOf(groupings)) {
            boolean idle = grouping.held().idleSinceTick();
            if (grouping.held().overdue(now, linger)) {
                formRowGroups(grouping, true, true, idle);
            }
        }
        announce();
        return drain();
    }

    /**
     * End of source: judges what is still held, sends every open block and batch and the markers they cover.
     *
     * @return the final events
     */
    public List<PipelineEvent> finish() {
        refresh();
        for (TimingProbe probe : List.copyOf(probes)) {
            judge(probe, false, false);
        }
        for (RowGrouping grouping : List.copyOf(groupings)) {
            formRowGroups(grouping, true, false, false);
        }
        if (!state.announced() && state.hasChannels()) {
            state.owe(); // channels declared but no data: the session still shows them
        }
        announce();
        groups.finish();
        for (MarkerRule rule : markerSettings.rules()) {
            // A source that declared nothing (it failed at once, say) has its own error; this would only be noise.
            if (!columns.isEmpty() && !columns.contains(rule.channel())) {
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

    /** Data (a block, a row batch, a marker) always follows the configuration that announces its group. */
    private void emitData(PipelineEvent event) {
        announce();
        emit(event);
    }

    /**
     * Emits the owed configuration, if any: right after groups are formed in the course of a sample or a tick
     * (several formed together share one), and in any case before the first data that needs it.
     */
    private void announce() {
        if (state.owed()) {
            emit(state.take());
        }
    }

    private void dispatch(SampleValue sample) {
        Column column = columns.lookup(sample.channel());
        if (column == null) {
            unrouted(sample);
            return;
        }
        GroupAssembler group = column.group;
        if (group == null) {
            notInBlocks(column, sample);
            return;
        }
        double value = sample.value();
        byte state = (byte) sample.status().ordinal();
        if (state == 0 && !Double.isFinite(value)) {
            state = MISSING;
            value = Double.NaN;
        }
        long time = group.write(column.index, sample.timeNanos(), value, state);
        if (time == GroupAssembler.DROPPED) {
            return; // its time went backwards: counted as dropped, so neither invalid nor a marker's value
        }
        if (state == MISSING) {
            counters.invalid(); // NaN or infinite, or the source found no valid value (a CSV cell not a number)
        }
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

    /** The paths off the hot one: a row, or a sample held while its channel's timing is judged. */
    private void notInBlocks(Column column, SampleValue sample) {
        RowAssembler rows = column.rows;
        if (rows != null) {
            writeRow(column, rows, sample);
        } else if (column.probe != null) {
            if (column.probe.hold(column.index, sample, wallClock.getAsLong())) {
                judge(column.probe, false, false);
                announce();
            }
        } else if (column.grouping.hold(sample, wallClock.getAsLong())) {
            formRowGroups(column.grouping, false, false, false);
            announce();
        }
    }

    private void writeRow(Column column, RowAssembler rows, SampleValue sample) {
        double value = sample.value();
        byte state = (byte) sample.status().ordinal();
        if (state == 0 && !Double.isFinite(value)) {
            state = MISSING;
            value = Double.NaN;
        }
        long time = sample.timeNanos();
        if (!rows.write(column.index, time, value, state)) {
            return; // its time went backwards: counted as dropped, so neither invalid nor a marker's value
        }
        if (state == MISSING) {
            counters.invalid(); // NaN or infinite, or the source found no valid value (a CSV cell not a number)
        }
        if (outLapPending) {
            outLapPending = false;
            rows.addMarker(RuleState.outLap(time));
        }
        if (column.rules != null && state == 0) {
            for (RuleState rule : column.rules) {
                Marker m = rule.onValue(time, value);
                if (m != null) {
                    rows.addMarker(m);
                }
            }
        }
        rows.closeIfComplete();
    }

    private void unrouted(SampleValue sample) {
        if (sample.isEvent()) {
            EventDefinition event = state.event(sample.channel().identifier());
            if (event != null) {
                announce();
                emit(new EventOccurrence(event, sample.timeNanos(), sample.eventValues()));
                counters.event();
                return;
            }
            counters.eventDropped("undeclared-event");
        } else {
            counters.dropped("undeclared-channel", 1);
        }
        if (warnedUndeclared.add(sample.channel().identifier())) {
            LOG.warn("Dropping {} of '{}' (first at {} ns): the source never declared it",
                    sample.isEvent() ? "occurrences of event" : "samples of channel", sample.channel().identifier(),
                    sample.timeNanos());
        }
    }

    private void refresh() {
        ChannelRegistry.Snapshot snap = registry.snapshot();
        seenVersion = snap.version();
        if (state.announced() && !snap.metadata().fields().equals(state.metadata().fields())) {
            LOG.info("Session details changed: {}", snap.metadata().fields());
            emit(new SessionDetails(snap.metadata()));
        }
        state.metadata(snap.metadata());
        state.events(snap.events());
        List<ChannelDefinition> fresh = new ArrayList<>();
        for (ChannelDefinition c : snap.channels()) {
            if (!columns.contains(c.identifier())) {
                fresh.add(c);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        state.channels(fresh);
        Map<Long, List<ChannelDefinition>> byInterval = new LinkedHashMap<>();
        List<ChannelDefinition> unrated = new ArrayList<>();
        for (ChannelDefinition c : fresh) {
            if (c.frequencyHz() > 0 && blockSettings.gap() != GapPolicy.ROWS) {
                long interval = Math.max(1, Math.round(1e9 / c.frequencyHz()));
                byInterval.computeIfAbsent(interval, k -> new ArrayList<>()).add(c);
            } else {
                unrated.add(c);
            }
        }
        byInterval.forEach((interval, members) -> {
            TimingProbe probe = new TimingProbe(members, interval, blockSettings);
            probes.add(probe);
            List<Column> probed = new ArrayList<>(members.size());
            for (int i = 0; i < members.size(); i++) {
                probed.add(Column.probed(members.get(i), probe, i));
            }
            columns.putAll(probed);
        });
        if (!unrated.isEmpty()) {
            waitForRows(unrated);
        }
    }

    /**
     * The probe has seen enough (or was held too long, or the source ended): its channels become a rate group, or
     * wait for row groups, and the samples it held are dispatched again in their order.
     */
    private void judge(TimingProbe probe, boolean overdue, boolean idle) {
        probes.remove(probe);
        long openedWall = probe.held().openedWall();
        List<SampleValue> held = probe.release();
        if (probe.irregular()) {
            LOG.info("Channels {} are declared at {} ns intervals but {} of their first {} intervals would split a"
                    + " block: they are sent as timestamped rows", probe.channels(), probe.intervalNanos(),
                    probe.splits(), probe.intervals());
            RowGrouping grouping = waitForRows(probe.channels());
            for (SampleValue s : held) {
                dispatch(s);
            }
            if (overdue && groupings.contains(grouping)) {
                formRowGroups(grouping, true, true, idle);
            }
            return;
        }
        GroupAssembler group = groups.addRateGroup(probe.intervalNanos(), probe.channels());
        for (SampleValue s : held) {
            dispatch(s);
        }
        group.openedSince(openedWall);
        if (overdue) {
            group.overdue(idle);
        }
    }

    private RowGrouping waitForRows(List<ChannelDefinition> channels) {
        RowGrouping grouping = new RowGrouping(channels);
        groupings.add(grouping);
        columns.putAll(channels.stream().map(c -> Column.waiting(c, grouping)).toList());
        return grouping;
    }

    /**
     * Forms the row groups a grouping can form now ({@code all}: every one it holds samples for), each announced in a
     * configuration before its held samples are dispatched again.
     */
    private void formRowGroups(RowGrouping grouping, boolean all, boolean overdue, boolean idle) {
        while (grouping.holding() && (all || grouping.ready())) {
            RowGrouping.Formed formed = grouping.nextGroup();
            RowAssembler rows = groups.addRowGroup(formed.channels());
            for (SampleValue s : formed.samples()) {
                dispatch(s);
            }
            rows.openedSince(grouping.held().openedWall());
            if (overdue) {
                rows.overdue(idle);
            }
        }
        if (grouping.done()) {
            groupings.remove(grouping);
        }
    }
}
