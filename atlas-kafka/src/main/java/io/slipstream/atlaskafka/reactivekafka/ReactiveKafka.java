package io.slipstream.atlaskafka.reactivekafka;

import reactor.core.publisher.Flux;

/** Reactive sending to one Kafka cluster; reading goes through {@link io.slipstream.atlaskafka.read.LogReader}. */
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
}
