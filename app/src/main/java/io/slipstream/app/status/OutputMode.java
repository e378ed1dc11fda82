package io.slipstream.app.status;

/** How the live status and the log reach the person or program reading the output. */
public enum OutputMode {
    /** One line per pipeline redrawn in place a few times a second; log lines scroll above it. */
    TERMINAL,
    /** A file, CI, or {@code --log-format plain}: one log line per pipeline every few seconds. */
    PLAIN,
    /** {@code --log-format json}: one JSON object per line, status and log alike, for log shippers. */
    JSON,
    /** {@code --quiet}: no live status, only errors and the summary. */
    QUIET;

    /**
     * @param terminal  whether the output is a terminal
     * @param quiet     {@code --quiet}
     * @param logFormat {@code --log-format}: {@code plain}, {@code json}, or null when not given
     * @return the mode: quiet wins, then the format asked for, then a terminal's in-place line
     */
    public static OutputMode choose(boolean terminal, boolean quiet, String logFormat) {
        if (quiet) {
            return QUIET;
        }
        if ("json".equals(logFormat)) {
            return JSON;
        }
        return terminal && logFormat == null ? TERMINAL : PLAIN;
    }
}
