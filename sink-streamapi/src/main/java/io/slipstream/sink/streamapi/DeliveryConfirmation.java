package io.slipstream.sink.streamapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What Kafka shows of a session, the only way a client-stream writer learns what the Stream API really took: at the
 * end, which packet copies never landed; after a lost connection, the last packet of a stream that did. Without a
 * reader (no Kafka address) the first is an error and the second is unknown.
 */
final class DeliveryConfirmation {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConfirmation.class);
    /** Between two read-backs while the last packets are still on their way through the Stream API. */
    private static final Duration POLL = Duration.ofMillis(300);

    private final LandedReader reader;
    private final Duration timeout;
    private final SinkCounters counters;

    /**
     * @param reader   Kafka's view of the session, or null when the sink has no Kafka address
     * @param timeout  how long {@link #unconfirmed} waits for missing packets
     * @param counters where confirmed and unconfirmed copies are counted
     */
    DeliveryConfirmation(LandedReader reader, Duration timeout, SinkCounters counters) {
        this.reader = reader;
        this.timeout = timeout;
        this.counters = counters;
    }

    /**
     * Reads the session back until every expected copy landed or the timeout passed.
     *
     * @param sessionKey the session
     * @param expected   how many copies of each packet id were sent (a packet on both streams counts twice)
     * @return the ids with copies missing, ascending; empty when all landed
     */
    Mono<List<Long>> unconfirmed(String sessionKey, Map<Long, Integer> expected) {
        if (reader == null) {
            return Mono.error(new IllegalStateException("delivery confirmation needs the Kafka bootstrap address "
                    + "(sink option 'kafka')"));
        }
        long deadline = now() + timeout.toMillis();
        return reader.read(sessionKey).map(l -> missing(expected, l))
                .expand(m -> m.isEmpty() || now() > deadline ? Mono.empty()
                        : Mono.delay(POLL).then(reader.read(sessionKey)).map(l -> missing(expected, l)))
                .last()
                .doOnNext(m -> {
                    if (!m.isEmpty()) {
                        LOG.warn("session {}: {} packet ids not found on Kafka after {}: first {}", sessionKey,
                                m.size(), timeout, m.subList(0, Math.min(10, m.size())));
                    }
                });
    }

    /**
     * @param sessionKey the session
     * @param stream     the stream
     * @param ids        the ids offered to that stream, in the order offered
     * @return the last of {@code ids} before the first one missing on the stream's partition (0 when the first is
     *         missing, or when none of the stream's own records is visible: the other streams' copies of shared
     *         packets never count), or -1 without a reader
     */
    Mono<Long> lastLanded(String sessionKey, String stream, long[] ids) {
        if (reader == null) {
            return Mono.just(-1L);
        }
        return reader.read(sessionKey).map(landed -> {
            TopicPartition tp = reader.partitionOf(stream, landed);
            if (tp == null) {
                LOG.info("session {}: nothing of stream '{}' is on Kafka yet; it resends from its first buffered packet",
                        sessionKey, stream);
                return 0L;
            }
            Set<Long> there = new HashSet<>();
            for (KafkaReadBack.Landed l : landed) {
                if (l.topic().equals(tp.topic()) && l.partition() == tp.partition()) {
                    there.add(l.id());
                }
            }
            // The end of the run of the stream's ids that all landed: a packet Kafka refused while later ones landed
            // (one too large, say) is sent again rather than skipped.
            long last = 0;
            for (long id : ids) {
                if (!there.contains(id)) {
                    break;
                }
                last = id;
            }
            return last;
        });
    }

    private List<Long> missing(Map<Long, Integer> expected, List<KafkaReadBack.Landed> landed) {
        Map<Long, Integer> seen = new HashMap<>();
        for (KafkaReadBack.Landed l : landed) {
            seen.merge(l.id(), 1, Integer::sum);
        }
        long ok = 0;
        long bad = 0;
        List<Long> missing = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : expected.entrySet()) {
            int got = Math.min(e.getValue(), seen.getOrDefault(e.getKey(), 0));
            ok += got;
            bad += e.getValue() - got;
            if (got < e.getValue()) {
                missing.add(e.getKey());
            }
        }
        counters.confirmation(ok, bad);
        missing.sort(null);
        return missing;
    }

    /** The clock of the scheduler the polls wait on, so that virtual time moves both. */
    private static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }
}
