package io.slipstream.streamapi.connection;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.slipstream.streamapi.limits.ClientCounts;
import ma.streaming.api.v1.ConnectionDetails;

/**
 * Reader connections (spec §1.5): details stored verbatim under a random, positive, non-zero id. Closing
 * a connection does not stop readers already running on it, as in the official server. Connections are never closed
 * by the server, so each client may hold a bounded number; beyond it NewConnection fails until it closes some.
 */
public final class Connections {

    private record Held(ConnectionDetails details, String client) {
    }

    private final Map<Long, Held> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ClientCounts perClient;

    /** @param maxPerClient connections one client may hold */
    public Connections(int maxPerClient) {
        this.perClient = new ClientCounts("open connections", maxPerClient, "close some with CloseConnection first");
    }

    /**
     * @param details the connection details
     * @param client  who opens it
     * @return its new id
     * @throws io.slipstream.streamapi.limits.LimitReachedException when the client holds too many
     */
    public long open(ConnectionDetails details, String client) {
        perClient.acquire(client);
        Held held = new Held(details, client);
        while (true) {
            long id = random.nextLong() & Long.MAX_VALUE;
            if (id != 0 && byId.putIfAbsent(id, held) == null) {
                return id;
            }
        }
    }

    /** @param id an id @return its details, if open */
    public Optional<ConnectionDetails> get(long id) {
        return Optional.ofNullable(byId.get(id)).map(Held::details);
    }

    /** @param id an id @return whether it was open */
    public boolean close(long id) {
        Held held = byId.remove(id);
        if (held == null) {
            return false;
        }
        perClient.release(held.client());
        return true;
    }
}
