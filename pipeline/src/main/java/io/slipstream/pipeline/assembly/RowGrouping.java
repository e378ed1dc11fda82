package io.slipstream.pipeline.assembly;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels bound for rows whose row group is not yet known. Their samples are held until one of them is read at a
 * time later than the first held sample's: the channels read at exactly that first time then form one row group
 * (channels that share timestamps share rows), and the rest wait for their own. A channel read at instants of its
 * own thus gets a group of its own, one of its intervals after its first sample at the latest.
 */
final class RowGrouping {

    private final Map<String, ChannelDefinition> waiting = new LinkedHashMap<>();
    private final HeldSamples heldSamples = new HeldSamples();
    private final List<SampleValue> held = heldSamples.list();
    private final int maxHeld;
    private long latest = Long.MIN_VALUE;

    /** @param channels the channels, in declaration order */
    RowGrouping(List<ChannelDefinition> channels) {
        for (ChannelDefinition c : channels) {
            waiting.put(c.identifier(), c);
        }
        // A source repeating one time forever must not fill the heap: past this a group is formed at once.
        this.maxHeld = 64 * Math.max(16, channels.size());
    }

    /**
     * @param sample    a sample of one of the waiting channels
     * @param wallNanos the wall clock now, for linger
     * @return true when a group can be formed ({@link #nextGroup()})
     */
    boolean hold(SampleValue sample, long wallNanos) {
        heldSamples.add(sample, wallNanos);
        latest = Math.max(latest, sample.timeNanos());
        return ready();
    }

    /** @return true when a held sample is later than the first held one, or too many are held */
    boolean ready() {
        return !held.isEmpty() && (latest > held.get(0).timeNanos() || held.size() >= maxHeld);
    }

    /** @return true while samples are held */
    boolean holding() {
        return !held.isEmpty();
    }

    /** @return true when every channel has its group */
    boolean done() {
        return waiting.isEmpty();
    }

    /**
     * Forms the next group: the waiting channels read at the first held sample's time, in declaration order. Their
     * held samples are taken out; call only while {@link #holding()}.
     *
     * @return the group's channels and their held samples in arrival order
     */
    Formed nextGroup() {
        long first = held.get(0).timeNanos();
        Set<String> members = new HashSet<>();
        for (SampleValue s : held) {
            if (s.timeNanos() == first) {
                members.add(s.channel().identifier());
            }
        }
        List<ChannelDefinition> channels = new ArrayList<>();
        waiting.values().removeIf(c -> {
            if (members.contains(c.identifier())) {
                channels.add(c);
                return true;
            }
            return false;
        });
        List<SampleValue> taken = new ArrayList<>();
        latest = Long.MIN_VALUE;
        held.removeIf(s -> {
            if (members.contains(s.channel().identifier())) {
                taken.add(s);
                return true;
            }
            latest = Math.max(latest, s.timeNanos());
            return false;
        });
        return new Formed(channels, taken);
    }

    /** @return the held samples and their linger state */
    HeldSamples held() {
        return heldSamples;
    }

    /**
     * @param channels the channels of a new row group
     * @param samples  their held samples, in arrival order
     */
    record Formed(List<ChannelDefinition> channels, List<SampleValue> samples) {
    }
}
