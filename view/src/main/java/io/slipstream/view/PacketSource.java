package io.slipstream.view;

import io.slipstream.atlaskafka.inspect.LandedPacket;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;

/**
 * Where the view reads from: Kafka through the one reader in production ({@code KafkaPacketSource}), a list in
 * unit tests. Nothing here writes.
 */
public interface PacketSource {

    /**
     * @return the data sources that have topics
     * @throws ViewException (503) when the source cannot be reached
     */
    List<String> dataSources();

    /**
     * @param dataSource a data source
     * @return the end offset of each of its partitions now
     */
    Map<TopicPartition, Long> endOffsets(String dataSource);

    /**
     * @param dataSource a data source
     * @return its records from the beginning, then live as they land, until cancelled
     */
    Flux<LandedPacket> follow(String dataSource);

    /**
     * @param dataSource a data source
     * @return its records from the beginning up to the end offsets at subscription
     */
    Flux<LandedPacket> readToEnd(String dataSource);

    /** @return where it reads from, for messages */
    String describe();
}
