package io.slipstream.bench;

/**
 * What the read-back found on Kafka.
 *
 * @param records             records of the session read from the data source's main topic (every packet type)
 * @param dataPackets         distinct periodic data packets (by {@code Packet.id})
 * @param duplicatePackets    periodic data packets read again under an id already seen
 * @param samples             samples in the distinct periodic data packets
 * @param undecodable         records that were not a Packet
 * @param firstAppendMillis   Kafka timestamp of the first periodic data packet, or 0
 * @param lastAppendMillis    Kafka timestamp of the last one, or 0
 * @param timestampType       the timestamp type of the records ({@code LogAppendTime}: the broker's append time;
 *                            {@code CreateTime}: the Stream API's producer stamped it when sending)
 * @param sampleLatency       sample read time to Kafka timestamp, per sample
 * @param blockLatency        newest sample of each block to its Kafka timestamp, per packet: what the path adds
 *                            once a block is complete
 */
public record ReadBackTally(long records, long dataPackets, long duplicatePackets, long samples, long undecodable,
                            long firstAppendMillis, long lastAppendMillis, String timestampType,
                            LatencySummary sampleLatency, LatencySummary blockLatency) {
}
