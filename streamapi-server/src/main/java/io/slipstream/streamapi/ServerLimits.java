package io.slipstream.streamapi;

import java.time.Duration;
import java.util.Objects;

/**
 * What the Stream API lets one client hold, and how long it remembers ended sessions. A client is one remote IP
 * address (all local programs share 127.0.0.1); a call beyond a limit fails with RESOURCE_EXHAUSTED naming the limit
 * and its value. Ended sessions stay on Kafka for ever; only the server's memory of them is bounded.
 *
 * @param sessionRetention        how long an ended session is still answered by GetSessionInfo and GetCurrentSessions
 * @param maxEndedSessions        most ended sessions remembered at once (the oldest ended is forgotten first)
 * @param maxSessionsPerClient    open (not ended) sessions one client may have created
 * @param maxStreamsPerClient     streaming calls (readers and client-streaming writes) one client may have open
 * @param maxSubscribersPerClient session start/stop notification streams one client may have open
 * @param maxConnectionsPerClient reader connections (NewConnection) one client may hold before closing some
 * @param maxDataSources          data sources (each a set of Kafka topics) the server creates at most
 */
public record ServerLimits(Duration sessionRetention, int maxEndedSessions, int maxSessionsPerClient, int maxStreamsPerClient,
                           int maxSubscribersPerClient, int maxConnectionsPerClient, int maxDataSources) {

    /** Readers that may poll Kafka at once in the whole server: the size of their thread pool. */
    public static final int MAX_READERS = 256;

    /** Largest session info (identifier, type, details, associate keys) a session may have, serialised. */
    public static final int MAX_SESSION_INFO_BYTES = 256 * 1024;

    /** Notifications one subscriber may fall behind before its stream fails with RESOURCE_EXHAUSTED. */
    public static final int NOTIFICATION_BUFFER = 1024;

    /** Checks every value. */
    public ServerLimits {
        Objects.requireNonNull(sessionRetention, "sessionRetention");
        if (sessionRetention.isNegative()) {
            throw new IllegalArgumentException("session retention is " + sessionRetention + ", expected 0 or more");
        }
        positive("max ended sessions", maxEndedSessions);
        positive("max sessions per client", maxSessionsPerClient);
        positive("max streams per client", maxStreamsPerClient);
        positive("max subscribers per client", maxSubscribersPerClient);
        positive("max connections per client", maxConnectionsPerClient);
        positive("max data sources", maxDataSources);
    }

    /**
     * @return one hour of retention, 10,000 ended sessions, and per client 256 open sessions, 64 streams,
     * 16 notification subscribers and 1,024 connections; 1,000 data sources
     */
    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofHours(1), 10_000, 256, 64, 16, 1024, 1000);
    }

    /** @param value the new retention @return a copy with it */
    public ServerLimits withSessionRetention(Duration value) {
        return new ServerLimits(value, maxEndedSessions, maxSessionsPerClient, maxStreamsPerClient, maxSubscribersPerClient,
                maxConnectionsPerClient, maxDataSources);
    }

    private static void positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " is " + value + ", expected 1 or more");
        }
    }
}
