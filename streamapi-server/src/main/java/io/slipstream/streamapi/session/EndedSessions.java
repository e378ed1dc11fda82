package io.slipstream.streamapi.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The ended sessions the server still remembers, oldest end first. A session is forgotten once it ended
 * {@code retention} ago, or earlier when more than {@code max} ended sessions are remembered, so that the server's
 * memory and the GetCurrentSessions answer stay bounded however many sessions a long-running server has seen (the
 * sink probes GetCurrentSessions on reconnect; past a few hundred thousand keys the answer exceeded its message
 * limit). Forgotten sessions stay on Kafka.
 */
final class EndedSessions {

    private record Ended(String key, long atMillis) {
    }

    private final long retentionMillis;
    private final int max;
    private final Deque<Ended> ended = new ArrayDeque<>();

    /** @param retention how long an ended session is remembered @param max most ended sessions remembered */
    EndedSessions(Duration retention, int max) {
        this.retentionMillis = retention.toMillis();
        this.max = max;
    }

    /** @param key a session that ended @param atMillis when it ended (the EndOfSession record's time) */
    synchronized void add(String key, long atMillis) {
        ended.addLast(new Ended(key, atMillis));
    }

    /**
     * @param nowMillis the time now
     * @return the sessions to forget now, removed from this list
     */
    synchronized List<String> expire(long nowMillis) {
        List<String> out = new ArrayList<>();
        while (!ended.isEmpty() && (ended.size() > max || ended.peekFirst().atMillis() + retentionMillis <= nowMillis)) {
            out.add(ended.removeFirst().key());
        }
        return out;
    }
}
