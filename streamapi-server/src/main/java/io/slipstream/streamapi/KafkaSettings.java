package io.slipstream.streamapi;

import java.util.Objects;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.client.KafkaSecurity;

/**
 * How the Stream API talks to Kafka and how durable the topics it creates are.
 *
 * @param security           SSL / SASL settings of the Kafka clients ({@link KafkaSecurity#none()} for PLAINTEXT)
 * @param replicationFactor  replicas of each topic the Stream API creates, 0 = min(3, brokers in the cluster)
 * @param minInsyncReplicas  {@code min.insync.replicas} of those topics, 0 = the replication factor − 1, at least 1
 */
public record KafkaSettings(KafkaSecurity security, int replicationFactor, int minInsyncReplicas) {

    /** Checks the values. */
    public KafkaSettings {
        Objects.requireNonNull(security, "security");
        if (replicationFactor < 0 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor is " + replicationFactor + ", expected 1 or more (0 = automatic)");
        }
        if (minInsyncReplicas < 0) {
            throw new IllegalArgumentException("min.insync.replicas is " + minInsyncReplicas + ", expected 1 or more (0 = automatic)");
        }
        if (replicationFactor > 0 && minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas " + minInsyncReplicas + " is more than the replication factor "
                    + replicationFactor + ": no write could ever succeed");
        }
    }

    /** @return PLAINTEXT, automatic replication */
    public static KafkaSettings defaults() {
        return new KafkaSettings(KafkaSecurity.none(), 0, 0);
    }

    /** @param bootstrapServers the cluster @return the connection to it with these security settings */
    public KafkaConnection connection(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, security);
    }

    /**
     * @param brokers the brokers in the cluster
     * @return the replication to create topics with there
     * @throws IllegalArgumentException when the cluster has fewer brokers than the replication factor asked for
     */
    public TopicReplication replicationFor(int brokers) {
        int factor = replicationFactor > 0 ? replicationFactor : Math.max(1, Math.min(3, brokers));
        if (factor > brokers) {
            throw new IllegalArgumentException("replication factor " + factor + " needs " + factor + " brokers, the cluster has "
                    + brokers);
        }
        int minIsr = minInsyncReplicas > 0 ? minInsyncReplicas : Math.max(1, factor - 1);
        if (minIsr > factor) {
            throw new IllegalArgumentException("min.insync.replicas " + minIsr + " is more than the replication factor " + factor
                    + " (" + brokers + " broker(s)): no write could ever succeed");
        }
        return new TopicReplication(factor, minIsr);
    }

    /**
     * @param factor  replicas per partition
     * @param minIsr  replicas that must have a record before an {@code acks=all} write is acknowledged
     */
    public record TopicReplication(int factor, int minIsr) {
    }
}
