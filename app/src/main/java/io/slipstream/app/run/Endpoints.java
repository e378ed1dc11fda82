package io.slipstream.app.run;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.client.KafkaSecurity;
import java.util.Objects;

/**
 * Addresses that override (command-line options) or supply (the embedded stack) every pipeline's sink
 * addresses; a null field leaves the pipeline's own setting.
 *
 * @param streamApi      Stream API {@code host:port}
 * @param keyGenerator   Key Generator {@code host:port}
 * @param kafkaBootstrap Kafka bootstrap servers, for delivery confirmation
 * @param kafkaSecurity  SSL / SASL settings of that Kafka; {@link KafkaSecurity#none()} leaves the pipeline's own
 */
public record Endpoints(String streamApi, String keyGenerator, String kafkaBootstrap, KafkaSecurity kafkaSecurity) {

    /** No overrides. */
    public static final Endpoints NONE = new Endpoints(null, null, null);

    /** Checks the security is given. */
    public Endpoints {
        Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
    }

    /**
     * @param streamApi      Stream API {@code host:port}
     * @param keyGenerator   Key Generator {@code host:port}
     * @param kafkaBootstrap Kafka bootstrap servers, reached in PLAINTEXT
     */
    public Endpoints(String streamApi, String keyGenerator, String kafkaBootstrap) {
        this(streamApi, keyGenerator, kafkaBootstrap, KafkaSecurity.none());
    }

    /** @return the Kafka and how to talk to it, or null when no Kafka is given */
    public KafkaConnection kafkaConnection() {
        return kafkaBootstrap == null ? null : new KafkaConnection(kafkaBootstrap, kafkaSecurity);
    }
}
