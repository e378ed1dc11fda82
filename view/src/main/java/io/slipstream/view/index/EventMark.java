package io.slipstream.view.index;

import java.util.List;

/**
 * An event of a session (an incident, a flag) with its values, as landed.
 *
 * @param time       when, ns since the Unix epoch
 * @param identifier the event definition's identifier ("" when its data format is not known)
 * @param name       the definition's name, or the identifier
 * @param values     its raw values
 */
public record EventMark(long time, String identifier, String name, List<Double> values) {
}
