package io.slipstream.iracing.session;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;

/**
 * Refuses, before it is composed, YAML nested deeper than a bound or using aliases: snakeyaml-engine composes
 * nodes recursively and has no depth limit of its own, so {@code [[[[...} a few thousand deep ends in a
 * StackOverflowError; and the sim writes no anchors, so an alias is a forgery (its own limit reports no line).
 * The parser is not recursive, so walking the events first is safe. The sim's session info nests five levels.
 */
final class YamlGuard {

    /** Far above the sim's five levels, far below what overflows a default thread stack. */
    static final int MAX_DEPTH = 64;

    private YamlGuard() {
    }

    /**
     * @param text     the YAML
     * @param settings the settings it will be loaded with
     * @param where    the input's name, for errors
     * @throws SessionInfoException at the first alias, or collection that opens deeper than {@link #MAX_DEPTH}
     */
    static void check(String text, LoadSettings settings, String where) {
        int depth = 0;
        for (Event e : new Parse(settings).parseString(text)) {
            switch (e.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw refused(e, where, "nested more than " + MAX_DEPTH
                                + " levels deep; expected the sim's few levels");
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                case Alias -> throw refused(e, where, "an alias (*name); expected plain values, the sim writes none");
                default -> { }
            }
        }
    }

    private static SessionInfoException refused(Event e, String where, String problem) {
        Mark m = e.getStartMark().orElse(null);
        return new SessionInfoException(where, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                problem);
    }
}
