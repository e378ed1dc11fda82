package io.slipstream.view;

import com.google.protobuf.Message;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ma.streaming.open_data.v1.Packet;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A {@link PacketSource} over records built in the test (unit tests only): one data source, one partition of
 * its main topic; {@link #append} makes more land while a follower reads.
 */
public final class ListPacketSource implements PacketSource {

    private final String dataSource;
    private final List<LandedPacket> records = new ArrayList<>();
    private final Sinks.Many<LandedPacket> live = Sinks.many().replay().all();
    private final AtomicInteger reads = new AtomicInteger();
    private boolean unreachable;

    /** @param dataSource the one data source */
    public ListPacketSource(String dataSource) {
        this.dataSource = dataSource;
    }

    /** @param key session key @param id packet id @param content the content @return this */
    public synchronized ListPacketSource append(String key, long id, Message content) {
        String type = content.getDescriptorForType().getName().replaceFirst("Packet$", "");
        Packet p = Packet.newBuilder().setType(type).setSessionKey(key).setId(id).setContent(content.toByteString()).build();
        LandedPacket lp = new LandedPacket(dataSource, 0, records.size(), key, p, "", p.toByteArray());
        records.add(lp);
        live.tryEmitNext(lp);
        return this;
    }

    /** Makes every later call fail as an unreachable Kafka would. */
    public void unreachable() {
        unreachable = true;
    }

    /** @return how many bounded reads (checks) were made */
    public int reads() {
        return reads.get();
    }

    @Override
    public List<String> dataSources() {
        if (unreachable) {
            throw ViewException.unavailable("cannot read from Kafka at nowhere:1 within 1 s: timed out", null);
        }
        return List.of(dataSource);
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(String ds) {
        Map<TopicPartition, Long> m = new HashMap<>();
        m.put(new TopicPartition(ds, 0), (long) records.size());
        return m;
    }

    @Override
    public Flux<LandedPacket> follow(String ds) {
        return live.asFlux();
    }

    @Override
    public synchronized Flux<LandedPacket> readToEnd(String ds) {
        reads.incrementAndGet();
        return Flux.fromIterable(new ArrayList<>(records));
    }

    @Override
    public String describe() {
        return "a list";
    }
}
