package io.slipstream.spi;

import java.util.Objects;

/**
 * What one value of an event occurrence means.
 *
 * @param name         what the value is, e.g. {@code Increase} or {@code Total}
 * @param units        its units, or null
 * @param formatString its display format (e.g. {@code %d}), or null
 */
public record EventValue(String name, String units, String formatString) {

    /** Checks the name. */
    public EventValue {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an event value needs a name");
        }
    }

    /**
     * @param name  what the value is
     * @param units its units, or null
     * @return the value description, with no display format
     */
    public static EventValue of(String name, String units) {
        return new EventValue(name, units, null);
    }
}
