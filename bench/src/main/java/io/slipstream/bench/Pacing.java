package io.slipstream.bench;

/** How the synthetic source of a full-path run produces its samples. */
public enum Pacing {
    /** One tick per interval on the wall clock, stamped when read: measures a live source, latency included. */
    REALTIME,
    /** As fast as downstream demands, stamps on the grid: measures the most the path can take; no latency. */
    FAST;

    /** @return the word the synthetic provider's {@code pacing} option takes */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
