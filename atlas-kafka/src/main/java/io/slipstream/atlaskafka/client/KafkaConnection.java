package io.slipstream.atlaskafka.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where a Kafka cluster is and how to talk to it: the one place a Kafka client's connection settings are put
 * together, for the producer, the consumers and the admin client alike.
 *
 * @param bootstrapServers {@code HOST:PORT[,HOST:PORT...]}
 * @param security         SSL / SASL settings, {@link KafkaSecurity#none()} for PLAINTEXT
 */
public record KafkaConnection(String bootstrapServers, KafkaSecurity security) {

    /** Checks both are given. */
    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(security, "security");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("the Kafka bootstrap servers are empty, expected HOST:PORT[,HOST:PORT...]");
        }
    }

    /** @param bootstrapServers the cluster @return a PLAINTEXT connection to it */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaSecurity.none());
    }

    /**
     * @param clientId the client id the broker sees
     * @return bootstrap servers, client id and the security settings, for any Kafka client; a new mutable map
     */
    public Map<String, Object> clientProperties(String clientId) {
        Map<String, Object> p = new HashMap<>(security.properties());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /** @return the servers and the protocol, never a secret */
    @Override
    public String toString() {
        return bootstrapServers + " (" + security + ")";
    }
}
