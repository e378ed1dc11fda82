package io.slipstream.sink.streamapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.EndSessionResponse;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetEventDataFormatIdResponse;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdResponse;
import ma.streaming.api.v1.ReactorDataFormatManagerServiceGrpc;
import ma.streaming.api.v1.ReactorSessionManagementServiceGrpc;
import ma.streaming.api.v1.UpdateSessionDetailsRequest;
import ma.streaming.api.v1.UpdateSessionDetailsResponse;
import ma.streaming.key_generator.v1.GenerateUniqueKeyRequest;
import ma.streaming.key_generator.v1.GenerateUniqueKeyResponse;
import ma.streaming.key_generator.v1.KeyType;
import ma.streaming.key_generator.v1.ReactorUniqueKeyGeneratorServiceGrpc;
import reactor.core.publisher.Mono;

/** {@link SessionCalls} over the sink's gRPC channels: each call has a deadline and goes through the retry policy. */
final class ServiceCalls implements SessionCalls {

    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

    private final SinkSettings settings;
    private final ServiceChannels channels;
    private final RetryPolicy retry;

    ServiceCalls(SinkSettings settings, ServiceChannels channels) {
        this.settings = settings;
        this.channels = channels;
        this.retry = new RetryPolicy(settings.retry(), channels::resetBackoff);
    }

    @Override
    public Mono<CreateSessionResponse> createSession(CreateSessionRequest request) {
        return retry.call(onStreamApi("CreateSession"), () -> sessions().createSession(request));
    }

    @Override
    public Mono<String> configId() {
        GenerateUniqueKeyRequest request = GenerateUniqueKeyRequest.newBuilder().setType(KeyType.KEY_TYPE_STRING)
                .build();
        return retry.call("GenerateUniqueKey on " + settings.keyGenerator(), () ->
                ReactorUniqueKeyGeneratorServiceGrpc.newReactorStub(channels.keyGenerator())
                        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .generateUniqueKey(request))
                .map(GenerateUniqueKeyResponse::getStringKey);
    }

    @Override
    public Mono<Long> dataFormatId(List<String> parameters) {
        GetParameterDataFormatIdRequest request = GetParameterDataFormatIdRequest.newBuilder()
                .setDataSource(settings.dataSource()).addAllParameters(parameters).build();
        return retry.call(onStreamApi("GetParameterDataFormatId"), () -> formats().getParameterDataFormatId(request))
                .map(GetParameterDataFormatIdResponse::getDataFormatIdentifier);
    }

    @Override
    public Mono<Long> eventDataFormatId(String event) {
        GetEventDataFormatIdRequest request = GetEventDataFormatIdRequest.newBuilder()
                .setDataSource(settings.dataSource()).setEvent(event).build();
        return retry.call(onStreamApi("GetEventDataFormatId"), () -> formats().getEventDataFormatId(request))
                .map(GetEventDataFormatIdResponse::getDataFormatIdentifier);
    }

    @Override
    public Mono<Boolean> updateDetails(String sessionKey, Map<String, String> details) {
        UpdateSessionDetailsRequest request = UpdateSessionDetailsRequest.newBuilder().setSessionKey(sessionKey)
                .putAllDetails(details).build();
        return retry.call(onStreamApi("UpdateSessionDetails"), () -> sessions().updateSessionDetails(request))
                .map(UpdateSessionDetailsResponse::getSuccess);
    }

    @Override
    public Mono<Boolean> endSession(String sessionKey) {
        EndSessionRequest request = EndSessionRequest.newBuilder().setDataSource(settings.dataSource())
                .setSessionKey(sessionKey).build();
        return retry.call(onStreamApi("EndSession"), () -> sessions().endSession(request))
                .map(EndSessionResponse::getSuccess);
    }

    @Override
    public Mono<Void> reachable() {
        GetCurrentSessionsRequest request = GetCurrentSessionsRequest.newBuilder()
                .setDataSource(settings.dataSource()).build();
        return retry.call("reconnect to " + settings.streamApi(), () -> sessions().getCurrentSessions(request))
                .then();
    }

    private String onStreamApi(String method) {
        return method + " on " + settings.streamApi();
    }

    private ReactorDataFormatManagerServiceGrpc.ReactorDataFormatManagerServiceStub formats() {
        return ReactorDataFormatManagerServiceGrpc.newReactorStub(channels.streamApi())
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ReactorSessionManagementServiceGrpc.ReactorSessionManagementServiceStub sessions() {
        return ReactorSessionManagementServiceGrpc.newReactorStub(channels.streamApi())
                .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
