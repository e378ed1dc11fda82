package io.slipstream.app.cli;

import io.slipstream.atlaskafka.client.KafkaSecurity;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * SSL and SASL settings of the Kafka clients, shared by {@code serve}, {@code run}, {@code replay}, {@code inspect}
 * and {@code view}: a Kafka client properties file, with {@code SLIPSTREAM_KAFKA_*} environment variables on top.
 * The values (passwords) are never printed or logged.
 */
public final class KafkaSecurityOptions {

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = {"Kafka client security settings (a properties file: security.protocol, ssl.*, sasl.*; for SASL PLAIN or",
                    "SCRAM, sasl.username and sasl.password). SLIPSTREAM_KAFKA_* environment variables override it, e.g.",
                    "SLIPSTREAM_KAFKA_SASL_PASSWORD for sasl.password. Values are never printed or logged."})
    Path file;

    /**
     * @param env the environment
     * @return the settings of the file and the environment
     * @throws IllegalArgumentException naming the file or variable and the key, when they are not valid
     */
    KafkaSecurity security(Function<String, String> env) {
        return KafkaSecurity.load(file, env);
    }
}
