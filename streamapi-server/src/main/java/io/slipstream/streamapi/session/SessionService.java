package io.slipstream.streamapi.session;

import io.slipstream.streamapi.grpc.GrpcErrors;
import io.slipstream.streamapi.limits.ClientIdentity;
import ma.streaming.api.v1.AddAssociateSessionRequest;
import ma.streaming.api.v1.AddAssociateSessionResponse;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.EndSessionResponse;
import ma.streaming.api.v1.GetCurrentSessionsRequest;
import ma.streaming.api.v1.GetCurrentSessionsResponse;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionInfoResponse;
import ma.streaming.api.v1.GetSessionStartNotificationRequest;
import ma.streaming.api.v1.GetSessionStartNotificationResponse;
import ma.streaming.api.v1.GetSessionStopNotificationRequest;
import ma.streaming.api.v1.GetSessionStopNotificationResponse;
import ma.streaming.api.v1.ReactorSessionManagementServiceGrpc;
import ma.streaming.api.v1.UpdateSessionDetailsRequest;
import ma.streaming.api.v1.UpdateSessionDetailsResponse;
import ma.streaming.api.v1.UpdateSessionIdentifierRequest;
import ma.streaming.api.v1.UpdateSessionIdentifierResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code ma.streaming.api.v1.SessionManagementService} (spec §1.7, §3). Unknown session keys answer
 * {@code success=false}; unknown data sources have no sessions. GetCurrentSessions answers the open sessions and those
 * ended within the retention (the official server answers every session it ever saw). Calls that write to Kafka answer after
 * the broker acknowledged the record, or with an error status.
 */
public final class SessionService extends ReactorSessionManagementServiceGrpc.SessionManagementServiceImplBase {

    private final Sessions sessions;
    private final SessionEvents events;

    /** @param sessions the registry @param events start and stop notifications */
    public SessionService(Sessions sessions, SessionEvents events) {
        this.sessions = sessions;
        this.events = events;
    }

    @Override
    public Mono<CreateSessionResponse> createSession(CreateSessionRequest request) {
        String client = ClientIdentity.current();
        return Mono.fromCallable(() -> {
            Sessions.Created created = sessions.create(request, client);
            return CreateSessionResponse.newBuilder()
                    .setSessionKey(created.session().key())
                    .setNewSession(created.newSession())
                    .setSuccess(true)
                    .build();
        });
    }

    @Override
    public Mono<EndSessionResponse> endSession(EndSessionRequest request) {
        // As in the official server, the request's data_source is ignored: the session knows its own.
        return Mono.fromCallable(() -> sessions.end(request.getSessionKey())
                .map(p -> EndSessionResponse.newBuilder().setEndSession(p).setSuccess(true).build())
                .orElse(EndSessionResponse.newBuilder().setSuccess(false).build()));
    }

    @Override
    public Mono<GetCurrentSessionsResponse> getCurrentSessions(GetCurrentSessionsRequest request) {
        return Mono.fromCallable(() -> GetCurrentSessionsResponse.newBuilder()
                .addAllSessionKeys(sessions.keysOf(request.getDataSource()))
                .setSuccess(true)
                .build());
    }

    @Override
    public Mono<GetSessionInfoResponse> getSessionInfo(GetSessionInfoRequest request) {
        return Mono.fromCallable(() -> sessions.get(request.getSessionKey())
                .map(s -> GetSessionInfoResponse.newBuilder()
                        .setDataSource(s.dataSource())
                        .setIdentifier(s.identifier())
                        .setType(s.type())
                        .setVersion((int) s.version())
                        .addAllAssociateSessionKeys(s.associateKeys())
                        .setIsComplete(s.complete())
                        .addAllStreams(sessions.streamsOf(s.dataSource()))
                        .putAllTopicPartitionOffsets(sessions.readerOffsetsOf(s))
                        .setMainOffset(s.mainOffset())
                        .setEssentialsOffset(s.essentialsOffset())
                        .putAllDetails(s.details())
                        .setUtcOffset(s.utcOffset())
                        .setSuccess(true)
                        .build())
                .orElse(GetSessionInfoResponse.newBuilder().setSuccess(false).build()));
    }

    @Override
    public Flux<GetSessionStartNotificationResponse> getSessionStartNotification(GetSessionStartNotificationRequest request) {
        return events.events(request.getDataSource(), true)
                .map(e -> GetSessionStartNotificationResponse.newBuilder()
                        .setSessionKey(e.sessionKey()).setDataSource(e.dataSource()).build());
    }

    @Override
    public Flux<GetSessionStopNotificationResponse> getSessionStopNotification(GetSessionStopNotificationRequest request) {
        return events.events(request.getDataSource(), false)
                .map(e -> GetSessionStopNotificationResponse.newBuilder()
                        .setSessionKey(e.sessionKey()).setDataSource(e.dataSource()).build());
    }

    @Override
    public Mono<UpdateSessionIdentifierResponse> updateSessionIdentifier(UpdateSessionIdentifierRequest request) {
        return Mono.fromCallable(() -> UpdateSessionIdentifierResponse.newBuilder()
                .setSuccess(sessions.update(request.getSessionKey(), b -> b.setIdentifier(request.getIdentifier())))
                .build());
    }

    @Override
    public Mono<AddAssociateSessionResponse> addAssociateSession(AddAssociateSessionRequest request) {
        // Appends without de-duplication, as the official server does.
        return Mono.fromCallable(() -> AddAssociateSessionResponse.newBuilder()
                .setSuccess(sessions.update(request.getSessionKey(), b -> b.addAssociateSessionKeys(request.getAssociateSessionKey())))
                .build());
    }

    @Override
    public Mono<UpdateSessionDetailsResponse> updateSessionDetails(UpdateSessionDetailsRequest request) {
        return Mono.fromCallable(() -> UpdateSessionDetailsResponse.newBuilder()
                .setSuccess(sessions.update(request.getSessionKey(), b -> b.putAllDetails(request.getDetailsMap())))
                .build());
    }

    @Override
    protected Throwable onErrorMap(Throwable throwable) {
        return GrpcErrors.toStatus(throwable);
    }
}
