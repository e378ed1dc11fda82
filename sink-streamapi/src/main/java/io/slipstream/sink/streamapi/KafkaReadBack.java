package io.slipstream.sink.streamapi;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.ReadEnd;
import io.slipstream.atlaskafka.read.TailPartition;
import io.slipstream.atlaskafka.read.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import ma.streaming.open_data.v1.Packet;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads back, through the one Kafka log reader, what landed on a data source's data topics (the main topic's
 * partitions and the stream topics, as the layout names them) for one session key. This is the only way a
 * client-stream writer can learn what the Stream API really took.
 *
 * <p>It reads only the session's range: each partition from the offset the Stream API gave when the session was
 * created ({@link #started}; a partition missing there, such as a stream topic created later, from its first
 * record), and every later read goes on from where the previous one stopped. So the records read per confirmation
 * do not grow with the topic's history ({@link #recordsRead}), and records deleted before the read position
 * (retention, {@code deleteRecords}) are skipped: the read starts at the earliest record kept.
 */
final class KafkaReadBack {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One landed packet copy.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param id        its {@code Packet.id}
     * @param type      its {@code Packet.type}
     */
    record Landed(String topic, int partition, long id, String type) {
    }

    // The sink does not know the server's partition mappings; partitionOf learns them from what landed.
    private final KafkaLayout layout = KafkaLayout.legacy(Map.of(), false);
    private final ConsumerProperties consumer;
    private final String dataSource;
    private final Map<String, SessionLog> sessions = new ConcurrentHashMap<>();
    private final AtomicLong recordsRead = new AtomicLong();

    KafkaReadBack(String bootstrap, String dataSource) {
        this(KafkaConnection.plaintext(bootstrap), dataSource);
    }

    /** @param connection the Kafka behind the Stream API, with its SSL / SASL settings @param dataSource the data source */
    KafkaReadBack(KafkaConnection connection, String dataSource) {
        this.consumer = ConsumerProperties.assignOnly(connection, "readback").apiTimeout(METADATA_TIMEOUT);
        this.dataSource = dataSource;
    }

    /** What was read of one session so far, and where each partition's next read starts. */
    private static final class SessionLog {
        private final Map<String, Long> startOffsets;
        private final Map<TopicPartition, Long> next = new HashMap<>();
        private final List<Landed> landed = new ArrayList<>();

        SessionLog(Map<String, Long> startOffsets) {
            this.startOffsets = Map.copyOf(startOffsets);
        }

        long from(TopicPartition tp) {
            return next.getOrDefault(tp, startOffsets.getOrDefault(tp.topic() + ":" + tp.partition(), 0L));
        }
    }

    /**
     * @param sessionKey   a session just created
     * @param startOffsets its start offsets keyed {@code "{topic}:{partition}"}, as CreateSession's NewSession (and
     *                     GetSessionInfo) give them
     */
    void started(String sessionKey, Map<String, Long> startOffsets) {
        sessions.put(sessionKey, new SessionLog(startOffsets));
    }

    /** @param sessionKey a session whose read-back is over: what was read of it is let go */
    void ended(String sessionKey) {
        sessions.remove(sessionKey);
    }

    /** @return records polled from Kafka by every read so far, of any key */
    long recordsRead() {
        return recordsRead.get();
    }

    /**
     * @param sessionKey the session
     * @return every copy of the session's packets on the data topics up to the end offsets at call time, in offset
     *         order per partition
     */
    Mono<List<Landed>> read(String sessionKey) {
        return Mono.fromCallable(() -> {
            SessionLog log = sessions.computeIfAbsent(sessionKey, k -> new SessionLog(Map.of()));
            synchronized (log) {
                readOn(sessionKey, log);
                return List.copyOf(log.landed);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private void readOn(String sessionKey, SessionLog log) {
        List<TailPartition> tails = new ArrayList<>();
        for (TopicPartition tp : TopicPartitions.matching(consumer, t -> layout.isDataTopic(dataSource, t), METADATA_TIMEOUT)) {
            tails.add(new TailPartition(tp, log.from(tp), ""));
        }
        LogReader.toEnd(consumer, tails, ReadEnd.endOffsets(READ_TIMEOUT), Schedulers.immediate())
                .doOnNext(batch -> {
                    for (LogEntry entry : batch) {
                        recordsRead.incrementAndGet();
                        log.next.put(new TopicPartition(entry.topic(), entry.partition()), entry.offset() + 1);
                        if (sessionKey.equals(entry.key())) {
                            Landed l = landed(entry);
                            if (l != null) {
                                log.landed.add(l);
                            }
                        }
                    }
                })
                .blockLast();
    }

    /** @return the landed copy, or null when the value is not a packet (not ours, so nothing to confirm) */
    private static Landed landed(LogEntry entry) {
        try {
            Packet p = Packet.parseFrom(entry.value());
            return new Landed(entry.topic(), entry.partition(), p.getId(), p.getType());
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * Where a stream's packets land, judged by that stream's own records only: the main stream on the main
     * partition; another stream on its own topic, else on the one other partition of the main topic holding the
     * session's packets. The main partition is never taken for another stream: it holds the main stream's copies of
     * the packets both streams carry, which say nothing of how far the other stream got.
     *
     * @param stream the stream
     * @param landed what was read back
     * @return the topic partition, or null when none of the stream's own records is visible (its resume point is
     *         unknown)
     */
    TopicPartition partitionOf(String stream, List<Landed> landed) {
        TopicPartition main = layout.route(dataSource, KafkaLayout.MAIN_STREAM);
        if (stream.isEmpty()) {
            return main;
        }
        String own = layout.streamTopic(dataSource, stream);
        for (Landed l : landed) {
            if (l.topic().equals(own)) {
                return new TopicPartition(own, 0);
            }
        }
        for (Landed l : landed) {
            if (l.topic().equals(main.topic()) && l.partition() != main.partition()) {
                return new TopicPartition(main.topic(), l.partition());
            }
        }
        return null;
    }
}
