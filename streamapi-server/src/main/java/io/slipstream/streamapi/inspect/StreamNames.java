package io.slipstream.streamapi.inspect;

import java.util.HashMap;
import java.util.Map;

/** Resolves a topic partition of a data source to the stream name the Stream API wrote it under. */
final class StreamNames {

    static final String ESSENTIAL_SUFFIX = "_essential";

    private final String dataSource;
    private final Map<Integer, String> byPartition = new HashMap<>();

    StreamNames(String dataSource, Map<String, Integer> partitionMappings) {
        this.dataSource = dataSource;
        partitionMappings.forEach((s, p) -> byPartition.putIfAbsent(p, s));
    }

    String streamOf(String topic, int partition) {
        if (topic.equals(dataSource + ESSENTIAL_SUFFIX)) {
            return LandedPacket.ESSENTIALS;
        }
        if (topic.startsWith(dataSource + ".")) {
            return topic.substring(dataSource.length() + 1);
        }
        if (partition == 0) {
            return "";
        }
        return byPartition.getOrDefault(partition, "#" + partition);
    }
}
