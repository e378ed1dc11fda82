package io.slipstream.streamapi.reactivekafka;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;

/** Reactive send and receive against one Kafka cluster. */
public interface ReactiveKafka {

    /**
     * @param bootstrapServers the cluster's bootstrap address
     * @return a client backed by reactor-kafka
     */
    static ReactiveKafka connect(String bootstrapServers) {
        return new ReactorKafkaClient(bootstrapServers);
    }

    /**
     * Sends records in the order given (acks=all, idempotent); each result arrives once the broker answered.
     * Sending starts on subscription; cancelling stops it.
     *
     * @param records the records
     * @param <T>     the correlation type
     * @return one result per record
     */
    <T> Flux<Sent<T>> send(Flux<Outgoing<T>> records);

    /**
     * Reads the given partitions from their beginning, live, until cancelled. No consumer group offsets are
     * relied on (a fresh group each time, like the Stream API's own readers).
     *
     * @param partitions the partitions to read
     * @return records in offset order per partition
     */
    Flux<Received> readFromBeginning(Collection<TopicPartition> partitions);
}
