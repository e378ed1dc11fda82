package io.slipstream.streamapi.dataformat;

import io.slipstream.streamapi.grpc.GrpcErrors;
import io.slipstream.streamapi.kafka.DataSources;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetEventDataFormatIdResponse;
import ma.streaming.api.v1.GetEventRequest;
import ma.streaming.api.v1.GetEventResponse;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdResponse;
import ma.streaming.api.v1.GetParametersListRequest;
import ma.streaming.api.v1.GetParametersListResponse;
import ma.streaming.api.v1.ReactorDataFormatManagerServiceGrpc;
import reactor.core.publisher.Mono;

/**
 * {@code ma.streaming.api.v1.DataFormatManagerService} (spec §1.4). Unknown ids answer an empty list or
 * an empty event, not an error.
 */
public final class DataFormatService extends ReactorDataFormatManagerServiceGrpc.DataFormatManagerServiceImplBase {

    private final DataFormats formats;
    private final DataSources dataSources;

    /** @param formats the registry @param dataSources topic creation per data source */
    public DataFormatService(DataFormats formats, DataSources dataSources) {
        this.formats = formats;
        this.dataSources = dataSources;
    }

    @Override
    public Mono<GetParameterDataFormatIdResponse> getParameterDataFormatId(GetParameterDataFormatIdRequest request) {
        return Mono.fromCallable(() -> {
            dataSources.ensure(request.getDataSource());
            long id = formats.parameterFormatId(request.getDataSource(), request.getParametersList());
            return GetParameterDataFormatIdResponse.newBuilder().setDataFormatIdentifier(id).build();
        });
    }

    @Override
    public Mono<GetEventDataFormatIdResponse> getEventDataFormatId(GetEventDataFormatIdRequest request) {
        return Mono.fromCallable(() -> {
            dataSources.ensure(request.getDataSource());
            long id = formats.eventFormatId(request.getDataSource(), request.getEvent());
            return GetEventDataFormatIdResponse.newBuilder().setDataFormatIdentifier(id).build();
        });
    }

    @Override
    public Mono<GetParametersListResponse> getParametersList(GetParametersListRequest request) {
        return Mono.fromCallable(() -> GetParametersListResponse.newBuilder()
                .addAllParameters(formats.parameters(request.getDataSource(), request.getDataFormatIdentifier()))
                .build());
    }

    @Override
    public Mono<GetEventResponse> getEvent(GetEventRequest request) {
        return Mono.fromCallable(() -> GetEventResponse.newBuilder()
                .setEvent(formats.event(request.getDataSource(), request.getDataFormatIdentifier()))
                .build());
    }

    @Override
    protected Throwable onErrorMap(Throwable throwable) {
        return GrpcErrors.toStatus(throwable);
    }
}
