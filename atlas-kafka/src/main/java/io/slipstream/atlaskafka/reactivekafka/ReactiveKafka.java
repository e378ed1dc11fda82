package io.slipstream.atlaskafka.reactivekafka;

import java.util.Map;
import java.util.UUID;

import io.slipstream.atlaskafka.client.KafkaConnection;
import reactor.core.publisher.Flux;

/** Reactive sending to one Kafka cluster; reading goes through {@link io.slipstream.atlaskafka.read.LogReader}. */
public interface ReactiveKafka {

    /**
     * @param bootstrapServers the cluster's bootstrap address (PLAINTEXT)
     * @return a client backed by reactor-kafka
     */
    static ReactiveKafka connect(String bootstrapServers) {
        return connect(KafkaConnection.plaintext(bootstrapServers), "slipstream-sender-" + UUID.randomUUID(), Map.of(),
                ReactorKafkaClient.DEFAULT_IN_FLIGHT);
    }

    /**
     * @param connection the cluster and how to talk to it
     * @param clientId   the client id the broker sees
     * @param tuning     producer settings (batching, timeouts, sizes) on top of the defaults; {@code acks=all},
     *                   idempotence and the serialisers are fixed and cannot be changed here
     * @param inFlight   the most records taken from a {@link #send} publisher while their acknowledgements are pending
     * @return a client backed by reactor-kafka
     */
    static ReactiveKafka connect(KafkaConnection connection, String clientId, Map<String, Object> tuning, int inFlight) {
        return new ReactorKafkaClient(connection, clientId, tuning, inFlight);
    }

    /**
     * Sends records in the order given (acks=all, idempotent); each result arrives once the broker answered, a
     * failed record as a result with its error (the others are still sent). Sending starts on subscription;
     * cancelling stops it.
     *
     * @param records the records
     * @param <T>     the correlation type
     * @return one result per record
     */
    <T> Flux<Sent<T>> send(Flux<Outgoing<T>> records);
}
