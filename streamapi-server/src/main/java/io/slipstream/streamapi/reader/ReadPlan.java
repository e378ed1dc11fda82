package io.slipstream.streamapi.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.slipstream.streamapi.kafka.DataSources;
import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.atlaskafka.read.TailPartition;
import ma.streaming.api.v1.ConnectionDetails;

/**
 * Which partitions a reader connection follows, from which offsets (spec §2.6). Where the official
 * server misbehaves, this does the sane thing:
 * <ul>
 *   <li>ReadEssentials starts at {@code essentials_offset}, not {@code main_offset};</li>
 *   <li>when the main stream covers every partition (no streams listed, partition-based), records are
 *       labelled with their mapped stream name instead of "", and a session-bound connection starts each
 *       partition at that session's start offset for it instead of applying {@code main_offset} to all;</li>
 *   <li>fewer {@code stream_offsets} than {@code streams} is an INVALID_ARGUMENT error instead of a
 *       reader that silently never delivers; a stream {@code NameRules} refuse (an unmapped one in the
 *       partition-based layout included) is an INVALID_ARGUMENT error, never a silent main stream.</li>
 * </ul>
 * Every data source is served, not just the first one of the process.
 */
final class ReadPlan {

    private ReadPlan() {
    }

    /**
     * @param c                   the connection
     * @param layout              the layout
     * @param dataSources         topic creation (readers create topics too, as in the official server)
     * @param sessionStartOffsets the start offsets of the connection's session ({@code "{topic}:{partition}"}), empty if none
     * @return the partitions to follow for ReadPackets / ReadDataPackets
     */
    static List<TailPartition> streams(ConnectionDetails c, KafkaLayout layout, DataSources dataSources, Map<String, Long> sessionStartOffsets) {
        String ds = c.getDataSource();
        dataSources.ensure(ds);
        if (c.getStreamOffsetsCount() < c.getStreamsCount()) {
            throw new IllegalArgumentException("connection for data source " + ds + " lists " + c.getStreamsCount()
                    + " streams but " + c.getStreamOffsetsCount() + " stream_offsets; give one offset per stream (-1 = latest)");
        }
        List<TailPartition> plan = new ArrayList<>();
        if (!c.getExcludeMainStream()) {
            String main = layout.mainTopic(ds);
            if (c.getStreamsCount() == 0) {
                for (int p = 0; p < dataSources.partitions(main); p++) {
                    long start = p == 0 ? c.getMainOffset() : sessionStartOffsets.getOrDefault(main + ":" + p, c.getMainOffset());
                    plan.add(new TailPartition(new TopicPartition(main, p), start, layout.topicBased() ? "" : layout.streamOfPartition(p)));
                }
            } else {
                plan.add(new TailPartition(new TopicPartition(main, 0), c.getMainOffset(), KafkaLayout.MAIN_STREAM));
            }
        }
        for (int i = 0; i < c.getStreamsCount(); i++) {
            String stream = c.getStreams(i);
            if (stream.isEmpty()) {
                continue;
            }
            TopicPartition tp = dataSources.route(ds, stream);
            plan.add(new TailPartition(tp, c.getStreamOffsets(i), stream));
        }
        return plan;
    }

    /**
     * @param c           the connection
     * @param layout      the layout
     * @param dataSources topic creation
     * @return the essentials partition, from {@code essentials_offset}
     */
    static List<TailPartition> essentials(ConnectionDetails c, KafkaLayout layout, DataSources dataSources) {
        dataSources.ensure(c.getDataSource());
        // The official v1.3 server starts at main_offset here (a bug); essentials_offset is the offset in this topic.
        return List.of(new TailPartition(layout.essentials(c.getDataSource()), c.getEssentialsOffset(), KafkaLayout.MAIN_STREAM));
    }
}
