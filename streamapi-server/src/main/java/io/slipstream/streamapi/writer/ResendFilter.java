package io.slipstream.streamapi.writer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.slipstream.atlaskafka.layout.KafkaLayout;

/**
 * Drops packets a client sends again that are already on Kafka, so that a client which resends after a lost
 * connection (or a restart of this server) writes each packet once. The rule is the one the project's clients keep
 * (spec: {@code Packet.id} increases per packet per session): per open session and data partition, a packet whose
 * id is not above the highest id written there is a resend. The highest ids are kept from this run's writes and,
 * after a restart, rebuilt from Kafka ({@link #landed}).
 *
 * <p>What is not filtered: packets without an id (0, as the official samples' unary writes send them), sessions
 * this server does not know as open, and a partition that more than one stream writes to (a stream mapped to the
 * main stream's partition 0, or two streams mapped to one partition), where ids of the two streams interleave. A
 * write that fails lowers the mark below the failed id, so that its resend goes through (packets after it that
 * did land are then written again: at-least-once, and only after a Kafka write failure).
 *
 * <p>Memory: one entry per open session and partition it wrote to; an ended session's entries are forgotten.
 */
public final class ResendFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ResendFilter.class);

    private final Map<String, Map<TopicPartition, Mark>> bySession = new ConcurrentHashMap<>();
    private final Set<Integer> sharedPartitions;
    private final boolean topicBased;
    private final AtomicLong dropped = new AtomicLong();

    /** @param layout where streams go; partitions written by several streams are never filtered */
    public ResendFilter(KafkaLayout layout) {
        this.topicBased = layout.topicBased();
        Map<Integer, Integer> writers = new HashMap<>();
        writers.put(0, 1); // the main stream
        layout.partitionMappings().values().forEach(p -> writers.merge(p, 1, Integer::sum));
        Set<Integer> shared = new HashSet<>();
        writers.forEach((p, n) -> {
            if (n > 1) {
                shared.add(p);
            }
        });
        this.sharedPartitions = Set.copyOf(shared);
        if (!topicBased && !shared.isEmpty()) {
            LOG.warn("Partitions {} of each main topic carry more than one stream (partition mappings {}): resends to them are not "
                    + "filtered", shared, layout.partitionMappings());
        }
    }

    /** @param sessionKey a session that is open from now on: its resends are filtered */
    public void track(String sessionKey) {
        bySession.putIfAbsent(sessionKey, new ConcurrentHashMap<>());
    }

    /** @param sessionKey a session that ended: its marks are forgotten */
    public void forget(String sessionKey) {
        bySession.remove(sessionKey);
    }

    /** @return packets dropped because the same id was already written to the same partition of the same session */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Records a packet found on Kafka (the rebuild at start-up).
     *
     * @param sessionKey the record's key
     * @param target     where it was read
     * @param id         its {@code Packet.id}
     */
    public void landed(String sessionKey, TopicPartition target, long id) {
        Mark mark = mark(sessionKey, target);
        if (mark != null && id > 0) {
            mark.raise(id);
        }
    }

    /**
     * @param sessionKey the packet's session
     * @param target     where it goes
     * @param id         its {@code Packet.id}
     * @return {@code true} to write it; {@code false} when it is a resend of a packet already written (counted)
     */
    boolean admit(String sessionKey, TopicPartition target, long id) {
        Mark mark = id > 0 ? mark(sessionKey, target) : null;
        if (mark == null || mark.admit(id)) {
            return true;
        }
        long n = dropped.incrementAndGet();
        LOG.debug("Packet id {} of session {} on {} is already on Kafka; resend dropped ({} in all)", id, sessionKey, target, n);
        return false;
    }

    /**
     * @param sessionKey the packet's session
     * @param target     where it was to go
     * @param id         the id that could not be written
     */
    void failed(String sessionKey, TopicPartition target, long id) {
        Mark mark = id > 0 ? mark(sessionKey, target) : null;
        if (mark != null) {
            mark.lowerBelow(id);
        }
    }

    private Mark mark(String sessionKey, TopicPartition target) {
        if (!topicBased && sharedPartitions.contains(target.partition())) {
            return null;
        }
        Map<TopicPartition, Mark> marks = bySession.get(sessionKey);
        return marks == null ? null : marks.computeIfAbsent(target, t -> new Mark(sessionKey, t));
    }

    /** The highest id admitted to one partition for one session. */
    private static final class Mark {
        private final String sessionKey;
        private final TopicPartition target;
        private long highest;
        private boolean dropping;

        Mark(String sessionKey, TopicPartition target) {
            this.sessionKey = sessionKey;
            this.target = target;
        }

        synchronized void raise(long id) {
            highest = Math.max(highest, id);
        }

        synchronized boolean admit(long id) {
            if (id > highest) {
                highest = id;
                dropping = false;
                return true;
            }
            if (!dropping) {
                dropping = true;
                LOG.info("Session {}: dropping resent packets on {} from id {}: ids up to {} are already on Kafka",
                        sessionKey, target, id, highest);
            }
            return false;
        }

        synchronized void lowerBelow(long id) {
            highest = Math.min(highest, id - 1);
        }
    }
}
