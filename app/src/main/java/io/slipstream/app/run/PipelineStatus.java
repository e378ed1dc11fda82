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
 * @param eventBytes   bytes of blocks, rows and markers made and waiting for the sink to take them
 */
public record PipelineStatus(String name, String dataSource, String stream, CountersSnapshot pipeline,
                             SinkSnapshot sink, SourceProgress progress, long runningNanos, long eventBytes) {

    /**
     * A status without the queue between pipeline and sink.
     *
     * @param name         the pipeline's name
     * @param dataSource   the ATLAS data source it writes to
     * @param stream       the stream it writes data on
     * @param pipeline     the pipeline's counters
     * @param sink         the sink's counters
     * @param progress     how far the source has read its recording, or null for a live source
     * @param runningNanos how long the pipeline has been running
     */
    public PipelineStatus(String name, String dataSource, String stream, CountersSnapshot pipeline,
                          SinkSnapshot sink, SourceProgress progress, long runningNanos) {
        this(name, dataSource, stream, pipeline, sink, progress, runningNanos, 0);
    }

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
        this(name, dataSource, stream, pipeline, sink, null, 0, 0);
    }

    /**
     * @return every byte held between source and socket now: samples in the buffer (an estimate per sample), blocks
     *         and markers waiting for the sink, packets in the send queues and in the resend buffers
     */
    public long bufferedBytes() {
        return pipeline.bufferBytes() + eventBytes + sink.bufferedBytes();
    }

    /**
     * @return pipeline events (blocks and markers) made but not yet handed to gRPC: what a clean stop still has to
     *         send, beside the samples in the buffer and in open blocks
     */
    public long packetsToSend() {
        return Math.max(0, pipeline.blocks() + pipeline.markers() - sink.blocks() - sink.markers());
    }
}
