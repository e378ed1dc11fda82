package io.slipstream.streamapi.keys;

import io.grpc.Status;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.GenerateUniqueKeyResponse;
import ma.streaming.key_generator.v1.ReactorUniqueKeyGeneratorServiceGrpc;
import reactor.core.publisher.Mono;

/** {@code ma.streaming.key_generator.v1.UniqueKeyGeneratorService} over a {@link KeyGenerator} (spec §1.8, §5). */
public final class KeyGeneratorService extends ReactorUniqueKeyGeneratorServiceGrpc.UniqueKeyGeneratorServiceImplBase {

    private final KeyGenerator keys;

    /** @param keys the generator to serve */
    public KeyGeneratorService(KeyGenerator keys) {
        this.keys = keys;
    }

    @Override
    public Mono<GenerateUniqueKeyResponse> generateUniqueKey(GenerateUniqueKeyRequest request) {
        return switch (request.getType()) {
            case KEY_TYPE_STRING -> Mono.just(GenerateUniqueKeyResponse.newBuilder().setStringKey(keys.newStringKey()).build());
            case KEY_TYPE_ULONG -> Mono.just(GenerateUniqueKeyResponse.newBuilder().setUlongKey(keys.newNumericKey()).build());
            default -> Mono.error(Status.INVALID_ARGUMENT.withDescription("Invalid key type requested: " + request.getType()
                    + " (expected KEY_TYPE_ULONG or KEY_TYPE_STRING)").asRuntimeException());
        };
    }
}
