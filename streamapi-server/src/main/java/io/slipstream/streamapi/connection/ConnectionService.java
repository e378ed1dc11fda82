package io.slipstream.streamapi.connection;

import io.slipstream.streamapi.grpc.GrpcErrors;
import io.slipstream.streamapi.limits.ClientIdentity;
import io.slipstream.streamapi.names.NameRules;
import ma.streaming.api.v1.CloseConnectionRequest;
import ma.streaming.api.v1.CloseConnectionResponse;
import ma.streaming.api.v1.Connection;
import ma.streaming.api.v1.GetConnectionRequest;
import ma.streaming.api.v1.GetConnectionResponse;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.NewConnectionResponse;
import ma.streaming.api.v1.ReactorConnectionManagerServiceGrpc;
import reactor.core.publisher.Mono;

/**
 * {@code ma.streaming.api.v1.ConnectionManagerService} (spec §1.5). A request without its required
 * sub-message or with a data source {@link NameRules} refuse is INVALID_ARGUMENT (the official server fails with UNKNOWN on
 * a null dereference and accepts any name).
 */
public final class ConnectionService extends ReactorConnectionManagerServiceGrpc.ConnectionManagerServiceImplBase {

    private final Connections connections;

    /** @param connections the registry */
    public ConnectionService(Connections connections) {
        this.connections = connections;
    }

    @Override
    public Mono<NewConnectionResponse> newConnection(NewConnectionRequest request) {
        if (!request.hasDetails()) {
            return Mono.error(GrpcErrors.missing("NewConnectionRequest.details"));
        }
        String client = ClientIdentity.current();
        try {
            NameRules.checkDataSource(request.getDetails().getDataSource());
            long id = connections.open(request.getDetails(), client);
            return Mono.just(NewConnectionResponse.newBuilder().setConnection(Connection.newBuilder().setId(id)).build());
        } catch (RuntimeException e) {
            return Mono.error(GrpcErrors.toStatus(e));
        }
    }

    @Override
    public Mono<GetConnectionResponse> getConnection(GetConnectionRequest request) {
        if (!request.hasConnection()) {
            return Mono.error(GrpcErrors.missing("GetConnectionRequest.connection"));
        }
        GetConnectionResponse.Builder response = GetConnectionResponse.newBuilder();
        connections.get(request.getConnection().getId()).ifPresent(response::setDetails);
        return Mono.just(response.build());
    }

    @Override
    public Mono<CloseConnectionResponse> closeConnection(CloseConnectionRequest request) {
        if (!request.hasConnection()) {
            return Mono.error(GrpcErrors.missing("CloseConnectionRequest.connection"));
        }
        return Mono.just(CloseConnectionResponse.newBuilder().setSuccess(connections.close(request.getConnection().getId())).build());
    }
}
