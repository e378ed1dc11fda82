package io.slipstream.atlaskafka.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.atlaskafka.TestBroker;
import io.slipstream.atlaskafka.reactivekafka.Outgoing;
import io.slipstream.atlaskafka.reactivekafka.ReactiveKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ma.streaming.open_data.v1.Packet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The reader names each record's stream from the layout, bounded ({@code readAll}) and live ({@code follow}). */
class KafkaPacketReaderTest {

    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        broker.createTopics(Map.of("Rig", 3, "Rig_essential", 1));
        ReactiveKafka kafka = ReactiveKafka.connect(broker.bootstrapServers());
        List<Outgoing<Integer>> records = List.of(
                new Outgoing<>("Rig", 0, "s1", packet("NewSession", 1), 1),
                new Outgoing<>("Rig", 1, "s1", packet("NewSession", 1), 2),
                new Outgoing<>("Rig", 1, "s1", packet("PeriodicData", 2), 3),
                new Outgoing<>("Rig_essential", 0, "s1", packet("Configuration", 3), 4));
        kafka.send(Flux.fromIterable(records)).collectList().block(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static byte[] packet(String type, long id) {
        return Packet.newBuilder().setType(type).setSessionKey("s1").setId(id).build().toByteArray();
    }

    @Test
    void readAllNamesStreamsFromThePartitionMappings() {
        List<LandedPacket> all = new KafkaPacketReader().readAll(broker.bootstrapServers(), "Rig", Map.of("Stream1", 1));
        assertEquals(List.of("Rig:0: NewSession", "Rig:1:Stream1 PeriodicData", "Rig:1:Stream1 NewSession",
                        "Rig_essential:0:@essential Configuration").stream().sorted().toList(),
                all.stream().map(KafkaPacketReaderTest::describe).sorted().toList());
    }

    @Test
    void followDeliversTheSameRecordsLive() {
        List<LandedPacket> live = new KafkaPacketReader().follow(broker.bootstrapServers(), "Rig", Map.of("Stream1", 1))
                .take(4)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertEquals(List.of("Rig:0: NewSession", "Rig:1:Stream1 NewSession", "Rig:1:Stream1 PeriodicData",
                        "Rig_essential:0:@essential Configuration").stream().sorted().toList(),
                live.stream().map(KafkaPacketReaderTest::describe).sorted().toList());
    }

    private static String describe(LandedPacket p) {
        return p.topic() + ":" + p.partition() + ":" + p.stream() + " " + p.packet().getType();
    }
}
