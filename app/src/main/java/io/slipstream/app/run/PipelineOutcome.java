package io.slipstream.app.run;

import java.util.List;

/**
 * How one pipeline ended.
 *
 * @param status       its counters at the end
 * @param error        why it failed, or null when it ended cleanly
 * @param unconfirmed  the packet ids that delivery confirmation did not see land (empty when not enabled)
 */
public record PipelineOutcome(PipelineStatus status, String error, List<Long> unconfirmed) {

    /** Copies the list. */
    public PipelineOutcome {
        unconfirmed = List.copyOf(unconfirmed);
    }

    /** @return whether the pipeline ended cleanly */
    public boolean ok() {
        return error == null;
    }
}
