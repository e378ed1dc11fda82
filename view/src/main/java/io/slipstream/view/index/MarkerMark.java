package io.slipstream.view.index;

/**
 * A marker of a session (lap, pit in, pit out, out lap, ...), as landed.
 *
 * @param time        when, ns since the Unix epoch
 * @param endTime     when it ends, ns (0 for a point)
 * @param label       its label, e.g. {@code Lap 3}
 * @param type        its type, e.g. {@code Lap}
 * @param description its description
 */
public record MarkerMark(long time, long endTime, String label, String type, String description) {
}
