package io.slipstream.sink.streamapi;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;

/**
 * What confirmation and exact resume need to know of Kafka: which copies of a session's packets landed where.
 * {@link KafkaReadBack} reads it from the broker; tests use a list.
 */
interface LandedReader {

    /**
     * @param sessionKey the session
     * @return every copy of the session's packets on the data topics, in offset order per partition
     */
    Mono<List<KafkaReadBack.Landed>> read(String sessionKey);

    /**
     * @param stream the stream ("" is the main stream)
     * @param landed what {@link #read} returned
     * @return the topic partition where that stream's packets land, judged by its own records only; null when none
     *         is visible
     */
    TopicPartition partitionOf(String stream, List<KafkaReadBack.Landed> landed);

    /**
     * @param sessionKey   a session just created
     * @param startOffsets where its records start, keyed {@code "{topic}:{partition}"} (CreateSession's NewSession)
     */
    default void started(String sessionKey, Map<String, Long> startOffsets) {
    }

    /** @param sessionKey a session that needs no more reading */
    default void ended(String sessionKey) {
    }

    /**
     * @param readBack the Kafka reader
     * @return it, as a {@code LandedReader}
     */
    static LandedReader of(KafkaReadBack readBack) {
        return new LandedReader() {
            @Override
            public Mono<List<KafkaReadBack.Landed>> read(String sessionKey) {
                return readBack.read(sessionKey);
            }

            @Override
            public TopicPartition partitionOf(String stream, List<KafkaReadBack.Landed> landed) {
                return readBack.partitionOf(stream, landed);
            }

            @Override
            public void started(String sessionKey, Map<String, Long> startOffsets) {
                readBack.started(sessionKey, startOffsets);
            }

            @Override
            public void ended(String sessionKey) {
                readBack.ended(sessionKey);
            }
        };
    }
}
