package io.slipstream.sink.streamapi;

/** Where the sink's connection to the Stream API stands. */
public enum ConnectionState {
    /** Reaching the services and creating the session. */
    CONNECTING,
    /** The session is open and packets flow. */
    CONNECTED,
    /** The connection was lost mid-session; retrying and about to resend. */
    RECONNECTING,
    /** The session was ended cleanly. */
    ENDED,
    /** The sink gave up; see the error of {@code write}. */
    FAILED
}
