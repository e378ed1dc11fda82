package io.slipstream.sink.streamapi;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import io.slipstream.pipeline.PipelineEvent;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import ma.streaming.open_data.v1.Packet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Nothing lost, nothing duplicated, nothing silent, against the embedded stack with its real KRaft broker: a Stream
 * API restart without the Kafka address, a read-back that reads only the session's own records (and copes with
 * deleted ones), and a packet the Stream API could not write to Kafka failing the run with the reason.
 */
class ExactlyOnceEndToEndTest {

    @TempDir
    static Path dir;
    static EmbeddedStack stack;
    static StackOptions options;
    static StreamApiServer current;
    static Admin admin;

    @BeforeAll
    static void start() {
        options = StackOptions.ephemeral(dir);
        stack = EmbeddedStack.start(options);
        current = stack.streamApi();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        current.close();
        stack.close();
    }

    private static SinkSettings settings(String dataSource) {
        return SinkSettings.defaults().withStreamApi(stack.streamApiAddress()).withKeyGenerator(stack.keyGeneratorAddress())
                .withDataSource(dataSource)
                .withRetry(new RetrySettings(0, Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private static List<Long> ids(List<LandedPacket> landed, String key, String stream) {
        return landed.stream().filter(p -> key.equals(p.key()) && p.stream().equals(stream))
                .map(p -> p.packet().getId()).toList();
    }

    @Test
    void aStreamApiRestartWithoutTheKafkaAddressLandsEveryPacketOnce() throws Exception {
        Sinks.Many<PipelineEvent> events = Sinks.many().unicast().onBackpressureBuffer();
        long writtenBefore = current.packetsWritten();
        try (StreamApiSink sink = new StreamApiSink(settings("OnceRestart"))) {
            var pending = sink.write(events.asFlux()).toFuture();
            events.tryEmitNext(Events.config1());
            for (int i = 0; i < 40; i++) {
                events.tryEmitNext(Events.fast(i));
            }
            await("the first 44 packets handed to gRPC").atMost(Duration.ofSeconds(30))
                    .until(() -> sink.counters().snapshot().packetsSent() == 44);
            await("the first 44 packets on Kafka").atMost(Duration.ofSeconds(30))
                    .until(() -> current.packetsWritten() - writtenBefore == 44);
            // Stopped without ending the session, as a killed server leaves it; restarted on the same broker and port.
            current.close();
            await("the sink noticing the stopped Stream API").atMost(Duration.ofSeconds(30))
                    .until(() -> sink.counters().state() == ConnectionState.RECONNECTING);
            for (int i = 40; i < 60; i++) {
                events.tryEmitNext(Events.fast(i));
            }
            current = StreamApiServer.start(stack.kafkaBootstrap(), stack.streamApiPort(), options);
            events.tryEmitComplete();
            SinkResult r = pending.get(90, TimeUnit.SECONDS);

            // Without Kafka the sink resends its whole buffer; the server drops what its open session already has.
            assertTrue(r.counters().resends() >= 44, "every packet sent before the loss went again: " + r.counters());
            assertEquals(44, current.packetsDuplicate(), "each resend of a packet already on Kafka is dropped and counted");
            List<LandedPacket> l = new KafkaPacketReader().readAll(stack.kafkaBootstrap(), "OnceRestart", options.partitionMappings());
            assertEquals(List.of(), new SessionRuleChecker().check(l, r.sessionKey()));
            // NewSession 1, Configuration 2, blocks 3-62, EndOfSession 63 on the data stream; once each, in order.
            assertEquals(LongStream.rangeClosed(1, 63).boxed().toList(), ids(l, r.sessionKey(), "Stream1"));
            assertEquals(List.of(1L, 2L, 63L), ids(l, r.sessionKey(), ""));
        }
    }

    @Test
    void theReadBackReadsOnlyTheSessionsRecordsAndGoesOnFromWhereItStopped() throws Exception {
        String topic = "OnceBig";
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        fill(topic, 0, "another-session", 1, 5_000);
        fill(topic, 1, "another-session", 1, 5_000);
        Map<String, Long> start = Map.of(topic + ":0", 5_000L, topic + ":1", 5_000L, topic + ":2", 0L);
        fill(topic, 1, "key-1", 1, 30);
        fill(topic, 0, "key-1", 1, 2);

        KafkaReadBack readBack = new KafkaReadBack(stack.kafkaBootstrap(), topic);
        readBack.started("key-1", start);
        assertEquals(32, readBack.read("key-1").block(Duration.ofSeconds(60)).size());
        assertEquals(32, readBack.recordsRead(), "only the session's range is read, not the 10,000 records before it");

        fill(topic, 1, "key-1", 31, 40);
        fill(topic, 2, "a-third-session", 1, 5);
        List<KafkaReadBack.Landed> landed = readBack.read("key-1").block(Duration.ofSeconds(60));
        assertEquals(42, landed.size(), "what was read before is kept");
        assertEquals(LongStream.rangeClosed(1, 40).boxed().toList(),
                landed.stream().filter(x -> x.partition() == 1).map(KafkaReadBack.Landed::id).toList());
        assertEquals(32 + 10 + 5, readBack.recordsRead(), "the next read goes on from where the last one stopped");
    }

    @Test
    void theReadBackSkipsRecordsDeletedBeforeItsPosition() throws Exception {
        String topic = "OnceDeleted";
        admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        fill(topic, 1, "key-1", 1, 20);
        TopicPartition tp = new TopicPartition(topic, 1);
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(15))).all().get(30, TimeUnit.SECONDS);

        KafkaReadBack readBack = new KafkaReadBack(stack.kafkaBootstrap(), topic);
        readBack.started("key-1", Map.of());
        assertEquals(List.of(16L, 17L, 18L, 19L, 20L), readBack.read("key-1").block(Duration.ofSeconds(60)).stream()
                .map(KafkaReadBack.Landed::id).toList(), "the read starts at the earliest record kept");

        fill(topic, 1, "key-1", 21, 25);
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(25))).all().get(30, TimeUnit.SECONDS);
        assertEquals(List.of(16L, 17L, 18L, 19L, 20L), readBack.read("key-1").block(Duration.ofSeconds(60)).stream()
                .map(KafkaReadBack.Landed::id).toList(), "everything after the last read is gone: the read ends at once");
    }

    @Test
    void aPacketTheStreamApiCouldNotWriteToKafkaFailsTheRunWithTheReason() throws Exception {
        // The data source's main topic takes no record over 1,000 bytes: a block of 100 samples of 2 channels is
        // larger, so the Stream API cannot write it; the session records and the small packets still land.
        for (String ds : List.of("OnceUnwritable", "OnceUnwritableConfirmed")) {
            admin.createTopics(List.of(new NewTopic(ds, 3, (short) 1).configs(Map.of("max.message.bytes", "1000"))))
                    .all().get(30, TimeUnit.SECONDS);
        }

        ExecutionException withoutKafka = assertThrows(ExecutionException.class, () -> {
            try (StreamApiSink sink = new StreamApiSink(settings("OnceUnwritable"))) {
                sink.write(Flux.just(Events.config1(), Events.fast(0), Events.fast(1))).toFuture().get(90, TimeUnit.SECONDS);
            }
        });
        String reason = withoutKafka.getCause().getMessage();
        assertTrue(reason.contains("could not write packets") && reason.contains("not written to Kafka"), reason);

        ExecutionException confirmed = assertThrows(ExecutionException.class, () -> {
            try (StreamApiSink sink = new StreamApiSink(settings("OnceUnwritableConfirmed")
                    .withKafkaBootstrap(stack.kafkaBootstrap()).withConfirm(true, Duration.ofSeconds(5)))) {
                sink.write(Flux.just(Events.config1(), Events.fast(0), Events.fast(1))).toFuture().get(90, TimeUnit.SECONDS);
            }
        });
        assertTrue(confirmed.getCause().getMessage().contains("not written to Kafka"), confirmed.getCause().getMessage());
    }

    @Test
    void aRestartWhileTheDataWriterLagsResendsTheDataStreamFromItsOwnRecords() throws Exception {
        // Topic-based, and the data stream's topic takes no record at first (none is as small as 1 byte): the main
        // stream's NewSession and Configuration land, none of the data stream's packets does.
        String lagging = "OnceLag.Stream1";
        admin.createTopics(List.of(new NewTopic(lagging, 1, (short) 1).configs(Map.of("max.message.bytes", "1"))))
                .all().get(30, TimeUnit.SECONDS);
        StackOptions topicBased = options.withTopicBased(true);
        StreamApiServer first = StreamApiServer.start(stack.kafkaBootstrap(), 0, topicBased);
        StreamApiServer second = null;
        Sinks.Many<PipelineEvent> events = Sinks.many().unicast().onBackpressureBuffer();
        try (StreamApiSink sink = new StreamApiSink(settings("OnceLag").withStreamApi(first.address())
                .withKafkaBootstrap(stack.kafkaBootstrap()).withConfirm(true, Duration.ofSeconds(20)))) {
            var pending = sink.write(events.asFlux()).toFuture();
            events.tryEmitNext(Events.config1());
            for (int i = 0; i < 10; i++) {
                events.tryEmitNext(Events.fast(i));
            }
            await("the main stream's packets on Kafka, the data stream's refused").atMost(Duration.ofSeconds(30))
                    .until(() -> first.packetsWritten() == 2 && first.packetsFailed() == 12);
            first.close(); // before the data stream half-closes: its call ends without an answer
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, lagging), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE))))
                    .all().get(30, TimeUnit.SECONDS);
            second = StreamApiServer.start(stack.kafkaBootstrap(), first.port(), topicBased);
            events.tryEmitComplete();
            SinkResult r = pending.get(90, TimeUnit.SECONDS);

            assertEquals(List.of(), r.unconfirmedPacketIds());
            List<KafkaReadBack.Landed> landed = new KafkaReadBack(stack.kafkaBootstrap(), "OnceLag").read(r.sessionKey())
                    .block(Duration.ofSeconds(60));
            // NewSession 1, Configuration 2, blocks 3-12, EndOfSession 13: none skipped for the main stream's copies.
            assertEquals(LongStream.rangeClosed(1, 13).boxed().toList(), landed.stream()
                    .filter(l -> l.topic().equals(lagging)).map(KafkaReadBack.Landed::id).toList());
            assertEquals(List.of(1L, 2L, 13L), landed.stream()
                    .filter(l -> l.topic().equals("OnceLag")).map(KafkaReadBack.Landed::id).toList());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /** Writes packets with ids {@code from..to} under {@code key} straight to one partition. */
    private static void fill(String topic, int partition, String key, long from, long to) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<Future<?>> sent = new ArrayList<>();
            for (long id = from; id <= to; id++) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, key,
                        Packet.newBuilder().setType("PeriodicData").setSessionKey(key).setId(id).build().toByteArray())));
            }
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }
}
