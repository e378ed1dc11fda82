package io.slipstream.app.cli;

import io.slipstream.app.run.Endpoints;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The address options of {@code run} and {@code replay}, overriding every pipeline's sink. */
public final class SinkAddressOptions {

    @Option(names = "--stream-api", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Stream API to write to, for every pipeline (instead of the embedded stack or the config).")
    String streamApi;

    @Option(names = "--key-generator", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Key Generator to use, for every pipeline.")
    String keyGenerator;

    @Option(names = "--kafka", paramLabel = "HOST:PORT[,...]", converter = BootstrapConverter.class,
            description = {"Kafka bootstrap servers, for delivery confirmation (sink option confirm: true);",
                    "--kafka-config and SLIPSTREAM_KAFKA_* give its SSL / SASL settings."})
    String kafka;

    @Mixin
    KafkaSecurityOptions kafkaSecurity;

    /**
     * @param env the environment, for the {@code SLIPSTREAM_KAFKA_*} security variables
     * @return the overrides; null fields leave the config's own
     * @throws IllegalArgumentException naming the file or variable and the key, when the security settings are not valid
     */
    Endpoints endpoints(Function<String, String> env) {
        return new Endpoints(streamApi, keyGenerator, kafka, kafkaSecurity.security(env));
    }
}
