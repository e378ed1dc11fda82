package io.slipstream.sink.streamapi;

import java.util.List;
import java.util.Map;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.CreateSessionResponse;
import reactor.core.publisher.Mono;

/**
 * The unary calls a session makes besides writing packets, each already retried as its policy says. An error means
 * the call was given up; it names the call and the address.
 */
interface SessionCalls {

    /**
     * @param request the session to create
     * @return the server's answer, {@code success} not yet checked
     */
    Mono<CreateSessionResponse> createSession(CreateSessionRequest request);

    /** @return a new configuration id from the Key Generator */
    Mono<String> configId();

    /**
     * @param parameters the parameter identifiers of one rate group, in column order
     * @return the data format id of that list
     */
    Mono<Long> dataFormatId(List<String> parameters);

    /**
     * @param event an event identifier
     * @return the data format id of that event (GetEventDataFormatId)
     */
    Mono<Long> eventDataFormatId(String event);

    /**
     * @param sessionKey the session
     * @param details    metadata to merge into its details
     * @return whether the server accepted them
     */
    Mono<Boolean> updateDetails(String sessionKey, Map<String, String> details);

    /**
     * @param sessionKey the session
     * @return whether the server knew the session
     */
    Mono<Boolean> endSession(String sessionKey);

    /** @return completes once the Stream API answers again, after a lost connection */
    Mono<Void> reachable();
}
