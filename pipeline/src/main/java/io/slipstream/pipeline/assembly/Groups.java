package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.MarkerRule;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.PipelineCounters;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.markers.RuleState;
import io.slipstream.spi.ChannelDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The rate groups (blocks) and row groups (rows) of one run: how one is made once its channels' timing is known
 * (registered for the next configuration, its columns pointed at it, its marker rules set up), and the linger
 * checks and end of source they all share.
 */
final class Groups {

    private final BlockSettings settings;
    private final MarkerSettings markers;
    private final PipelineCounters counters;
    private final ConfigurationState state;
    private final ColumnIndex columns;
    private final Consumer<PipelineEvent> out;
    private final LongSupplier wallClock;
    private final List<GroupAssembler> rateGroups = new ArrayList<>();
    private final List<RowAssembler> rowGroups = new ArrayList<>();

    Groups(BlockSettings settings, MarkerSettings markers, PipelineCounters counters, ConfigurationState state,
           ColumnIndex columns, Consumer<PipelineEvent> out, LongSupplier wallClock) {
        this.settings = settings;
        this.markers = markers;
        this.counters = counters;
        this.state = state;
        this.columns = columns;
        this.out = out;
        this.wallClock = wallClock;
    }

    /**
     * @param interval the group's interval, ns
     * @param members  its channels, in column order
     * @return the new rate group's assembler
     */
    GroupAssembler addRateGroup(long interval, List<ChannelDefinition> members) {
        RateGroup group = new RateGroup(state.nextGroupId(), interval, members);
        GroupAssembler assembler = new GroupAssembler(group, settings, counters, out, wallClock);
        state.add(group);
        rateGroups.add(assembler);
        List<Column> fresh = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            fresh.add(Column.inBlocks(members.get(i), assembler, i, rulesFor(members.get(i))));
        }
        columns.putAll(fresh);
        return assembler;
    }

    /**
     * @param members the channels, in column order
     * @return the new row group's assembler
     */
    RowAssembler addRowGroup(List<ChannelDefinition> members) {
        RowGroup group = new RowGroup(state.nextGroupId(), members);
        RowAssembler assembler = new RowAssembler(group, settings, counters, out, wallClock);
        state.add(group);
        rowGroups.add(assembler);
        List<Column> fresh = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            fresh.add(Column.inRows(members.get(i), assembler, i, rulesFor(members.get(i))));
        }
        columns.putAll(fresh);
        return assembler;
    }

    /** @param now the wall clock now: every group's linger check */
    void tick(long now) {
        for (int i = 0; i < rateGroups.size(); i++) {
            rateGroups.get(i).tick(now);
        }
        for (int i = 0; i < rowGroups.size(); i++) {
            rowGroups.get(i).tick(now);
        }
    }

    /** End of source: every open block and batch is sent. */
    void finish() {
        for (GroupAssembler g : rateGroups) {
            g.finish();
        }
        for (RowAssembler r : rowGroups) {
            r.finish();
        }
    }

    private RuleState[] rulesFor(ChannelDefinition channel) {
        List<RuleState> states = new ArrayList<>();
        for (MarkerRule rule : markers.rules()) {
            if (rule.channel().equals(channel.identifier())) {
                states.add(RuleState.of(rule));
            }
        }
        return states.isEmpty() ? null : states.toArray(new RuleState[0]);
    }
}
