package io.slipstream.pipeline;

/**
 * A timestamped event derived from samples (lap, pit in, pit out, out lap, threshold).
 *
 * @param timeNanos   the triggering sample's read time, ns since the Unix epoch
 * @param label       what ATLAS shows, e.g. {@code Lap 3}
 * @param type        the marker type, e.g. {@code Lap Trigger}
 * @param description a longer text, may be empty
 * @param source      the channel or rule that produced it
 * @param value       a number carried with it (the lap number for laps)
 */
public record Marker(long timeNanos, String label, String type, String description, String source, long value)
        implements PipelineEvent {
}
