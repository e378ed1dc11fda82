package io.slipstream.streamapi.connection;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ma.streaming.api.v1.ConnectionDetails;

/**
 * Reader connections (spec §1.5): details stored verbatim under a random, positive, non-zero id. Closing
 * a connection does not stop readers already running on it, as in the official server.
 */
public final class Connections {

    private final Map<Long, ConnectionDetails> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param details the connection details @return its new id */
    public long open(ConnectionDetails details) {
        while (true) {
            long id = random.nextLong() & Long.MAX_VALUE;
            if (id != 0 && byId.putIfAbsent(id, details) == null) {
                return id;
            }
        }
    }

    /** @param id an id @return its details, if open */
    public Optional<ConnectionDetails> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @param id an id @return whether it was open */
    public boolean close(long id) {
        return byId.remove(id) != null;
    }
}
