package io.slipstream.view;

import io.slipstream.atlaskafka.inspect.Violation;
import java.util.List;

/**
 * The rule checker's verdict on a session, as {@code inspect --check} gives it.
 *
 * @param state      {@code ok}, {@code violations}, or {@code live} (a live session is checked once it ends:
 *                   before that its missing EndOfSession would count as a violation)
 * @param violations the violations, each with its stream, offset and packet id
 */
public record Verdict(String state, List<Violation> violations) {

    /** @return the verdict of a session still running */
    public static Verdict live() {
        return new Verdict("live", List.of());
    }

    /** @param violations what the checker found @return the verdict */
    public static Verdict of(List<Violation> violations) {
        return new Verdict(violations.isEmpty() ? "ok" : "violations", List.copyOf(violations));
    }
}
