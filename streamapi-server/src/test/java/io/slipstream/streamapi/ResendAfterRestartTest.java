package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.open_data.v1.Packet;

/**
 * A client that resends after losing its Stream API writes each packet once: the server knows, from this run's
 * writes or (after a restart) from what it rebuilds from Kafka, the highest packet id each open session has on each
 * partition, drops resends of those and counts them. A real broker, real servers on real sockets.
 */
class ResendAfterRestartTest {

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static KeyGeneratorServer keyGenerator;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        keyGenerator = KeyGeneratorServer.start(0);
    }

    @AfterAll
    static void stop() {
        if (keyGenerator != null) {
            keyGenerator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aServerStartedAgainDropsResendsOfPacketsItsOpenSessionAlreadyHasOnKafka() throws Exception {
        StackOptions options = StackOptions.ephemeral(dir);
        String key;
        String other;
        try (StreamApiServer first = StreamApiServer.start(broker.bootstrapServers(), 0, options);
             StackClient client = new StackClient(first.address(), keyGenerator.address())) {
            key = create(client, "one");
            other = create(client, "two");
            // The main stream is ahead of the data stream: the marks are per partition.
            write(client, "Stream1", key, 1, 5);
            write(client, "", key, 1, 7);
            write(client, "Stream1", other, 1, 3);
            // Closed without ending the sessions: what a killed server leaves behind.
        }

        try (StreamApiServer second = StreamApiServer.start(broker.bootstrapServers(), 0, options);
             StackClient client = new StackClient(second.address(), keyGenerator.address())) {
            write(client, "Stream1", key, 3, 9);
            write(client, "", key, 1, 9);
            write(client, "Stream1", other, 1, 4);

            assertEquals(3 + 7 + 3, second.packetsDuplicate(), "every resend of a packet already on Kafka is counted");
            assertEquals(4 + 2 + 1, second.packetsWritten());
            assertEquals(range(1, 9), ids(TopicPartitionOf.stream1(), key));
            assertEquals(range(1, 9), ids(TopicPartitionOf.main(), key));
            assertEquals(range(1, 4), ids(TopicPartitionOf.stream1(), other));

            // Within one run too, and an ended session is no longer filtered.
            write(client, "Stream1", key, 8, 10);
            assertEquals(3 + 7 + 3 + 2, second.packetsDuplicate());
            client.sessions.endSession(EndSessionRequest.newBuilder().setSessionKey(key).build());
            write(client, "Stream1", key, 10, 10);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 10L), ids(TopicPartitionOf.stream1(), key));
        }
    }

    @Test
    void packetsWithoutIdAreNeverFiltered() throws Exception {
        try (StreamApiServer server = StreamApiServer.start(broker.bootstrapServers(), 0, StackOptions.ephemeral(dir));
             StackClient client = new StackClient(server.address(), keyGenerator.address())) {
            String key = create(client, "no ids");
            write(client, "Stream1", key, 0, 0);
            write(client, "Stream1", key, 0, 0);
            assertEquals(0, server.packetsDuplicate());
            assertEquals(List.of(0L, 0L), ids(TopicPartitionOf.stream1(), key));
        }
    }

    /** Where the default partition mappings put the data source's streams. */
    private static final class TopicPartitionOf {
        static TopicPartition main() {
            return new TopicPartition("Resend", 0);
        }

        static TopicPartition stream1() {
            return new TopicPartition("Resend", 1);
        }
    }

    private static String create(StackClient client, String identifier) {
        return client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource("Resend").setIdentifier(identifier).build())
                .getSessionKey();
    }

    private static void write(StackClient client, String stream, String key, long from, long to) {
        for (long id = from; id <= to; id++) {
            client.write("Resend", stream, key, Packet.newBuilder().setType("PeriodicData").setSessionKey(key).setId(id)
                    .setContent(ByteString.copyFromUtf8("packet " + id)).build());
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<Long> ids(TopicPartition tp, String key) throws InvalidProtocolBufferException {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : StackClient.readKafka(broker.bootstrapServers(), tp, 0)) {
            if (key.equals(r.key())) {
                ids.add(Packet.parseFrom(r.value()).getId());
            }
        }
        return ids;
    }
}
