package io.slipstream.spi;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a source knows about the session it reads: it fills the session identifier template
 * ({@code {track} - {car} - {date}}) and the session details shown in ATLAS.
 *
 * @param fields named values, in the order they were added; well-known keys are the constants of this record
 * @param start  when the session started (the date in identifiers), or null when unknown
 */
public record SessionMetadata(Map<String, String> fields, Instant start) {

    /** Track name key. */
    public static final String TRACK = "track";
    /** Car name key. */
    public static final String CAR = "car";
    /** Driver name key. */
    public static final String DRIVER = "driver";
    /** Session type key (practice, race, testing, …). */
    public static final String SESSION_TYPE = "sessionType";
    /** Name of the source that produced the session (file name, sim, rig). */
    public static final String ORIGIN = "origin";

    /** An empty metadata set. */
    public static final SessionMetadata EMPTY = new SessionMetadata(Map.of(), null);

    /** Copies the fields into an unmodifiable, ordered map. */
    public SessionMetadata {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param key a field name
     * @return the field's value, or null
     */
    public String get(String key) {
        return fields.get(key);
    }

    /**
     * @param key   a field name
     * @param value its value; null removes nothing and adds nothing
     * @return a copy with the field set
     */
    public SessionMetadata with(String key, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(fields);
        copy.put(key, value);
        return new SessionMetadata(copy, start);
    }

    /**
     * @param when the session start
     * @return a copy with the start set
     */
    public SessionMetadata withStart(Instant when) {
        return new SessionMetadata(fields, when);
    }
}
