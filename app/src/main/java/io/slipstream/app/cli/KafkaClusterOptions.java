package io.slipstream.app.cli;

import io.slipstream.streamapi.KafkaSettings;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}'s options for running in front of an existing Kafka cluster instead of the embedded broker. */
public final class KafkaClusterOptions {

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", converter = BootstrapConverter.class,
            description = {"Bootstrap servers of an existing Kafka cluster: serve the Stream API and Key Generator in front of",
                    "it and start no broker of its own (--data-dir and --kafka-port are then unused)."})
    String bootstrap;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "0",
            description = "Replicas of each topic serve creates (default: min(3, brokers in the cluster)).")
    int replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N", defaultValue = "0",
            description = {"min.insync.replicas of each topic serve creates: replicas that must hold a record before Kafka",
                    "acknowledges it (default: the replication factor - 1, at least 1)."})
    int minInsyncReplicas;

    @Mixin
    KafkaSecurityOptions security;

    /** @return the external cluster's bootstrap servers, or null to start the embedded broker */
    String bootstrap() {
        return bootstrap;
    }

    /**
     * @param env the environment, for the {@code SLIPSTREAM_KAFKA_*} security variables
     * @return the Kafka clients' security and the topics' replication
     * @throws IllegalArgumentException naming the option or setting that is not valid
     */
    KafkaSettings settings(Function<String, String> env) {
        if (replicationFactor < 0) {
            throw new IllegalArgumentException("--replication-factor is " + replicationFactor + ", expected 1 or more");
        }
        if (minInsyncReplicas < 0) {
            throw new IllegalArgumentException("--min-insync-replicas is " + minInsyncReplicas + ", expected 1 or more");
        }
        return new KafkaSettings(security.security(env), replicationFactor, minInsyncReplicas);
    }
}
