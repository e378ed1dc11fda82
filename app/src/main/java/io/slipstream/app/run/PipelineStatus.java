package io.slipstream.app.run;

import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.SinkSnapshot;

/**
 * What one pipeline has done so far, read from its pipeline and sink counters.
 *
 * @param name       the pipeline's name
 * @param dataSource the ATLAS data source it writes to
 * @param stream     the stream it writes data on
 * @param pipeline   the pipeline's counters
 * @param sink       the sink's counters
 */
public record PipelineStatus(String name, String dataSource, String stream, CountersSnapshot pipeline,
                             SinkSnapshot sink) {
}
