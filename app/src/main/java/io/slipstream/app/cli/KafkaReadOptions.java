package io.slipstream.app.cli;

import io.slipstream.atlaskafka.client.KafkaConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the commands that read Kafka ({@code inspect}, {@code view}) find it and how its streams are laid out. */
public final class KafkaReadOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]", defaultValue = "localhost:9092", converter = BootstrapConverter.class,
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--stream-partition", paramLabel = "STREAM=P", defaultValue = "Stream1=1,Stream2=2", split = ",",
            description = "Partition of each stream in partition-based mode (default: ${DEFAULT-VALUE}).")
    Map<String, Integer> mappings = new LinkedHashMap<>();

    @Mixin
    KafkaSecurityOptions security;

    /**
     * @param env the environment, for the {@code SLIPSTREAM_KAFKA_*} security variables
     * @return the cluster and how to talk to it
     * @throws IllegalArgumentException when the security settings are not valid
     */
    KafkaConnection connection(Function<String, String> env) {
        return new KafkaConnection(bootstrap, security.security(env));
    }

    /** @return the bootstrap servers, for messages */
    String bootstrap() {
        return bootstrap;
    }

    /** @return stream name to partition */
    Map<String, Integer> mappings() {
        return mappings;
    }
}
