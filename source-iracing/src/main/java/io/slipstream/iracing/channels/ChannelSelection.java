package io.slipstream.iracing.channels;

import io.slipstream.iracing.layout.RowDecoder;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.spi.ChannelDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The channels chosen for one var table: a preset or an explicit list resolved once per layout, with the names
 * the car lacks kept for a warning.
 *
 * @param channels what to emit, in declaration order
 * @param missing  names asked for that this layout does not have
 * @param decoder  decodes a row into the values of {@code channels}, in order
 */
public record ChannelSelection(List<SelectedChannel> channels, List<String> missing, RowDecoder decoder) {

    /** Copies the lists. */
    public ChannelSelection {
        channels = List.copyOf(channels);
        missing = List.copyOf(missing);
    }

    /**
     * @param table the layout's variables
     * @param names variable names from the config, or a single preset word ({@code essential}, {@code full})
     * @param hz    the nominal rate of every channel (the tick rate)
     * @return the selection
     */
    public static ChannelSelection resolve(VarTable table, List<String> names, double hz) {
        ChannelPreset preset = names.size() == 1 ? ChannelPreset.named(names.get(0)) : null;
        List<SelectedChannel> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        if (preset == ChannelPreset.FULL) {
            for (VarHeader v : table.vars()) {
                addAll(out, v, hz);
            }
        } else {
            Set<String> wanted = new LinkedHashSet<>(preset != null ? preset.names() : names);
            for (String name : wanted) {
                VarHeader v = table.get(name.strip());
                if (v == null) {
                    missing.add(name.strip());
                } else if (preset != null && v.countAsTime()) {
                    // A preset wants one value per tick: the newest of the 360 Hz samples (the last element).
                    out.add(new SelectedChannel(definition(v, v.name(), hz), v, v.count() - 1));
                } else {
                    addAll(out, v, hz);
                }
            }
        }
        List<RowDecoder.Element> elements = new ArrayList<>(out.size());
        for (SelectedChannel c : out) {
            elements.add(new RowDecoder.Element(c.var(), c.index()));
        }
        return new ChannelSelection(out, missing, new RowDecoder(elements));
    }

    private static void addAll(List<SelectedChannel> out, VarHeader v, double hz) {
        if (!v.isArray()) {
            out.add(new SelectedChannel(definition(v, v.name(), hz), v, 0));
            return;
        }
        int digits = String.valueOf(v.count() - 1).length();
        for (int i = 0; i < v.count(); i++) {
            String suffix = String.format("_%0" + digits + "d", i);
            out.add(new SelectedChannel(definition(v, v.name() + suffix, hz), v, i));
        }
    }

    private static ChannelDefinition definition(VarHeader v, String name, double hz) {
        double[] range = ChannelCatalog.rangeOf(v);
        String desc = v.description().isEmpty() ? null : v.description();
        if (v.unit().startsWith("irsdk_")) {
            desc = (desc == null ? "" : desc + " ") + "(" + v.unit() + ")";
        }
        return ChannelDefinition.builder(name + ":" + ChannelCatalog.APPLICATION)
                .units(ChannelCatalog.unitsOf(v))
                .description(desc)
                .range(range[0], range[1])
                .frequencyHz(hz)
                .dataType(v.type().dataType())
                .group(ChannelCatalog.groupOf(v.name()))
                .build();
    }

    /** @return the channel definitions, in order */
    public List<ChannelDefinition> definitions() {
        List<ChannelDefinition> defs = new ArrayList<>(channels.size());
        for (SelectedChannel c : channels) {
            defs.add(c.definition());
        }
        return defs;
    }
}
