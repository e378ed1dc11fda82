package io.slipstream.app.status;

import io.slipstream.app.run.PipelineStatus;
import java.util.List;
import java.util.Locale;

/**
 * What Ctrl-C is doing, in words: the first ends the sessions cleanly and says what is still to send; a second
 * stops at once and says what that loses.
 */
final class StopNotice {

    private StopNotice() {
    }

    /**
     * @param statuses every pipeline's status now
     * @return the line shown while the sessions end
     */
    static String ending(List<PipelineStatus> statuses) {
        return "Ctrl-C: ending " + sessions(statuses) + " cleanly, " + pending(statuses)
                + " still to send. Ctrl-C again stops at once and loses them.";
    }

    /**
     * @param statuses every pipeline's status now
     * @return the line printed before a second Ctrl-C stops the process
     */
    static String lost(List<PipelineStatus> statuses) {
        return "Second Ctrl-C: stopping now. Lost: " + pending(statuses) + " not sent; "
                + sessions(statuses) + " left without an end (ATLAS shows them as open).";
    }

    private static String pending(List<PipelineStatus> statuses) {
        long packets = statuses.stream().mapToLong(PipelineStatus::packetsToSend).sum();
        long samples = statuses.stream().mapToLong(s -> s.pipeline().bufferFill()).sum();
        return String.format(Locale.ROOT, "%,d packet%s and %,d buffered sample%s", packets, packets == 1 ? "" : "s",
                samples, samples == 1 ? "" : "s");
    }

    private static String sessions(List<PipelineStatus> statuses) {
        return statuses.size() == 1 ? "the session" : "every session (" + statuses.size() + ")";
    }
}
