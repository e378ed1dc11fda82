package io.slipstream.pipeline;

import io.slipstream.spi.SessionMetadata;

/**
 * What the source says about its session changed after the first {@link Configuration} (iRacing moving from
 * practice to qualifying, say): the sink updates the session's details. Sent once per change of the fields; the
 * session identifier, made from the first metadata, stays.
 *
 * @param metadata the source's session metadata now
 */
public record SessionDetails(SessionMetadata metadata) implements PipelineEvent {

    /** Replaces null by {@link SessionMetadata#EMPTY}. */
    public SessionDetails {
        metadata = metadata == null ? SessionMetadata.EMPTY : metadata;
    }
}
