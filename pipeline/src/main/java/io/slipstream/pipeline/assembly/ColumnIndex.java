package io.slipstream.pipeline.assembly;

import io.slipstream.spi.ChannelDefinition;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a sample's {@link Column}: first the column that followed the previous sample's column last time (one
 * reference comparison, right for almost every sample of a source that emits its channels in the same order row
 * after row), then an identity map, then by identifier (another instance of a declared channel).
 */
final class ColumnIndex {

    private final Map<ChannelDefinition, Column> byInstance = new IdentityHashMap<>();
    private final Map<String, Column> byIdentifier = new HashMap<>();
    private Column lastColumn;

    /**
     * @param channel a sample's channel
     * @return its column, or null for an undeclared channel or any event's channel
     */
    Column lookup(ChannelDefinition channel) {
        Column previous = lastColumn;
        Column guess = previous == null ? null : previous.successor;
        if (guess != null && guess.channel == channel) {
            lastColumn = guess;
            return guess;
        }
        Column column = byInstance.get(channel);
        if (column == null) {
            if (channel.isEvent()) {
                return null; // an occurrence, even of an event named like a channel
            }
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

    /**
     * @param identifier a channel identifier
     * @return whether a column is known for it
     */
    boolean contains(String identifier) {
        return byIdentifier.containsKey(identifier);
    }

    /** @return whether no channel is known */
    boolean isEmpty() {
        return byIdentifier.isEmpty();
    }

    /**
     * Sets (or replaces) the columns of channels declared or judged together: one pass over the index for all of
     * them, not one per channel (a thousand channels would otherwise cost a million steps, twice).
     *
     * @param fresh where the channels' samples now go
     */
    void putAll(List<Column> fresh) {
        // successor guesses may point at columns being replaced (channels whose timing was just judged)
        lastColumn = null;
        for (Column c : byIdentifier.values()) {
            c.successor = null;
        }
        Map<String, Column> added = new HashMap<>();
        for (Column c : fresh) {
            byIdentifier.put(c.channel.identifier(), c);
            added.put(c.channel.identifier(), c);
        }
        // other instances with the same identifiers are re-resolved through byIdentifier
        byInstance.entrySet().removeIf(e -> {
            Column c = added.get(e.getKey().identifier());
            return c != null && e.getKey() != c.channel;
        });
        for (Column c : fresh) {
            byInstance.put(c.channel, c);
        }
    }
}
