package io.slipstream.streamapi.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many of one kind of thing (open sessions, streams, ...) each client holds, against a limit. A client's entry
 * disappears when its count returns to 0, so the map holds only clients that hold something.
 */
public final class ClientCounts {

    private final String what;
    private final int limit;
    private final String hint;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    /**
     * @param what  what is counted, plural, for the message (e.g. "open sessions")
     * @param limit the most one client may hold
     * @param hint  what the client can do about it, for the message
     */
    public ClientCounts(String what, int limit, String hint) {
        this.what = what;
        this.limit = limit;
        this.hint = hint;
    }

    /**
     * @param client the client
     * @throws LimitReachedException when it already holds {@code limit}
     */
    public void acquire(String client) {
        boolean[] granted = {false};
        held.compute(client, (c, n) -> {
            int now = n == null ? 0 : n;
            if (now >= limit) {
                return n;
            }
            granted[0] = true;
            return now + 1;
        });
        if (!granted[0]) {
            throw new LimitReachedException("client " + client + " has " + limit + " " + what + ", the most allowed; " + hint);
        }
    }

    /** @param client a client that acquired one before */
    public void release(String client) {
        held.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
    }

    /** @param client a client @return how many it holds */
    public int of(String client) {
        return held.getOrDefault(client, 0);
    }
}
