package io.slipstream.spi;

/** How urgently an engineer should see an event; carried into the ATLAS event definition's priority. */
public enum EventPriority {
    /** Stop and look now (a red flag, a stalled engine). */
    CRITICAL,
    /** Look soon (an incident, a yellow flag). */
    HIGH,
    /** Worth knowing (the rev limiter, a blue flag). */
    MEDIUM,
    /** Background (a green flag, one lap to go). */
    LOW,
    /** For whoever debugs the source. */
    DEBUG
}
