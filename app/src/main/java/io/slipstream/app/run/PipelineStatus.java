package io.slipstream.app.run;

import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.SinkSnapshot;
import io.slipstream.spi.SourceProgress;

/**
 * What one pipeline has done so far, read from its pipeline and sink counters.
 *
 * @param name         the pipeline's name
 * @param dataSource   the ATLAS data source it writes to
 * @param stream       the stream it writes data on
 * @param pipeline     the pipeline's counters
 * @param sink         the sink's counters
 * @param progress     how far the source has read its recording, or null for a live source
 * @param runningNanos how long the pipeline has been running
 */
public record PipelineStatus(String name, String dataSource, String stream, CountersSnapshot pipeline,
                             SinkSnapshot sink, SourceProgress progress, long runningNanos) {

    /**
     * A status with no progress and no running time: what tests of the counters alone need.
     *
     * @param name       the pipeline's name
     * @param dataSource the ATLAS data source it writes to
     * @param stream     the stream it writes data on
     * @param pipeline   the pipeline's counters
     * @param sink       the sink's counters
     */
    public PipelineStatus(String name, String dataSource, String stream, CountersSnapshot pipeline, SinkSnapshot sink) {
        this(name, dataSource, stream, pipeline, sink, null, 0);
    }

    /**
     * @return pipeline events (blocks and markers) made but not yet handed to gRPC: what a clean stop still has to
     *         send, beside the samples in the buffer and in open blocks
     */
    public long packetsToSend() {
        return Math.max(0, pipeline.blocks() + pipeline.markers() - sink.blocks() - sink.markers());
    }
}
