package io.slipstream.view.index;

import io.slipstream.atlaskafka.inspect.LandedPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.TopicPartition;

/**
 * Everything the view knows of one data source, built packet by packet as the one reader streams it (no packet is
 * kept once folded in, so a long session costs its samples as primitives, not its packets). It knows when it has
 * caught up with the end offsets the topics had when it began, so that the first answer shows all that was there.
 */
public final class DataSourceIndex {

    /** The most sessions the view keeps per data source; later ones are counted, not shown. */
    public static final int MAX_SESSIONS = 10_000;

    private final String dataSource;
    private final Map<String, SessionIndex> sessions = new LinkedHashMap<>();
    private final PacketFolder folder;
    private final Dropped dropped = new Dropped();
    private final Map<TopicPartition, Long> remaining;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile Throwable failure;
    private long records;

    /**
     * @param dataSource the data source
     * @param endOffsets the end offset of each of its partitions when reading began
     */
    public DataSourceIndex(String dataSource, Map<TopicPartition, Long> endOffsets) {
        this.dataSource = dataSource;
        this.folder = new PacketFolder(this::session, dropped);
        this.remaining = new HashMap<>(endOffsets);
        remaining.values().removeIf(end -> end <= 0);
        if (remaining.isEmpty()) {
            caughtUp.complete(null);
        }
    }

    /** @return the data source */
    public String dataSource() {
        return dataSource;
    }

    /** @param p the next record read; folded in and forgotten */
    public synchronized void accept(LandedPacket p) {
        records++;
        folder.fold(p);
        if (!remaining.isEmpty()) {
            TopicPartition tp = new TopicPartition(p.topic(), p.partition());
            Long end = remaining.get(tp);
            if (end != null && p.offset() >= end - 1) {
                remaining.remove(tp);
                if (remaining.isEmpty()) {
                    caughtUp.complete(null);
                }
            }
        }
    }

    /** @param e why reading stopped; later requests see it */
    public void fail(Throwable e) {
        failure = e;
        caughtUp.completeExceptionally(e);
    }

    /** @return why reading stopped, if it did */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * @param millis how long to wait
     * @return {@code true} when everything that was there at the start has been read
     */
    public boolean awaitCaughtUp(long millis) {
        try {
            caughtUp.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** @return whether everything that was there at the start has been read */
    public boolean caughtUp() {
        return caughtUp.isDone() && !caughtUp.isCompletedExceptionally();
    }

    private SessionIndex session(String key) {
        SessionIndex s = sessions.get(key);
        if (s == null) {
            if (sessions.size() >= MAX_SESSIONS) {
                dropped.add("packets of sessions beyond " + MAX_SESSIONS, 1);
                return null;
            }
            s = new SessionIndex(key);
            sessions.put(key, s);
        }
        return s;
    }

    /** @return the sessions, in the order their first packet was read */
    public synchronized List<SessionIndex> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** @param key a session key @return the session, if any packet of it was read */
    public synchronized Optional<SessionIndex> find(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    /** @return how many records were read */
    public synchronized long records() {
        return records;
    }

    /** @return what was read on the data source but belongs to no shown session, by reason */
    public Map<String, Long> dropped() {
        return dropped.counts();
    }

    /** @return keys of sessions whose EndOfSession has been read */
    public synchronized Set<String> endedSessions() {
        Set<String> out = new HashSet<>();
        sessions.forEach((k, s) -> {
            if (!s.summary().live()) {
                out.add(k);
            }
        });
        return out;
    }
}
