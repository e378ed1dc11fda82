package io.slipstream.app.run;

/**
 * Addresses that override (command-line options) or supply (the embedded stack) every pipeline's sink
 * addresses; a null field leaves the pipeline's own setting.
 *
 * @param streamApi      Stream API {@code host:port}
 * @param keyGenerator   Key Generator {@code host:port}
 * @param kafkaBootstrap Kafka bootstrap servers, for delivery confirmation
 */
public record Endpoints(String streamApi, String keyGenerator, String kafkaBootstrap) {

    /** No overrides. */
    public static final Endpoints NONE = new Endpoints(null, null, null);
}
