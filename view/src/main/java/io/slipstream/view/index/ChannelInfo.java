package io.slipstream.view.index;

/**
 * A channel as its session's configuration declares it.
 *
 * @param id          the parameter identifier, e.g. {@code Speed:iRacing}
 * @param name        its name
 * @param units       its units, "" when none
 * @param description what it is
 * @param min         the display minimum
 * @param max         the display maximum
 * @param frequency   the nominal rate, Hz, or 0 when none is declared
 */
public record ChannelInfo(String id, String name, String units, String description, double min, double max,
                          double frequency) {
}
