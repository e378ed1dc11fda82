package io.slipstream.streamapi.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Duration;

import ma.streaming.open_data.v1.SessionInfoPacket;

/**
 * What the Stream API knows about one session (spec §3.1).
 *
 * @param key              the session key
 * @param dataSource       its data source
 * @param type             session type ("Session" by default)
 * @param version          version
 * @param identifier       the human-readable identifier
 * @param associateKeys    associated session keys
 * @param details          free-form details
 * @param utcOffset        the UTC offset given at creation (zero when none)
 * @param startOffsets     the {@code "{topic}:{partition}"} high watermarks when the session was created
 * @param mainOffset       start offset of the main stream ({@code {ds}:0})
 * @param essentialsOffset start offset of the essentials topic
 * @param complete         whether the session has ended
 */
public record SessionState(String key, String dataSource, String type, long version, String identifier,
                           List<String> associateKeys, Map<String, String> details, Duration utcOffset,
                           Map<String, Long> startOffsets, long mainOffset, long essentialsOffset, boolean complete) {

    /** Freezes the collections. */
    public SessionState {
        associateKeys = List.copyOf(associateKeys);
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        startOffsets = Collections.unmodifiableMap(new LinkedHashMap<>(startOffsets));
    }

    /**
     * Applies a session-info snapshot with the official merge rule (spec §3.4): non-empty type and
     * identifier replace, a version above 0 replaces, a non-empty associate list replaces the whole
     * list, details are upserted key by key and never removed.
     *
     * @param info the snapshot
     * @return the merged state
     */
    public SessionState merge(SessionInfoPacket info) {
        Map<String, String> mergedDetails = new LinkedHashMap<>(details);
        mergedDetails.putAll(info.getDetailsMap());
        return new SessionState(key, dataSource,
                info.getType().isEmpty() ? type : info.getType(),
                info.getVersion() > 0 ? info.getVersion() : version,
                info.getIdentifier().isEmpty() ? identifier : info.getIdentifier(),
                info.getAssociateSessionKeysCount() > 0 ? info.getAssociateSessionKeysList() : associateKeys,
                mergedDetails, utcOffset, startOffsets, mainOffset, essentialsOffset, complete);
    }

    /** @return this session marked complete */
    public SessionState completed() {
        return new SessionState(key, dataSource, type, version, identifier, associateKeys, details, utcOffset,
                startOffsets, mainOffset, essentialsOffset, true);
    }

    /** @return a full snapshot of the session's info fields, as the official server writes on every update */
    public SessionInfoPacket.Builder snapshot() {
        return SessionInfoPacket.newBuilder()
                .setDataSource(dataSource)
                .setIdentifier(identifier)
                .setType(type)
                .setVersion((int) version)
                .addAllAssociateSessionKeys(new ArrayList<>(associateKeys))
                .putAllDetails(details);
    }
}
