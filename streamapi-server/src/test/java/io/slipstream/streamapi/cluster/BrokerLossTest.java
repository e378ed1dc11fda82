package io.slipstream.streamapi.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.streamapi.StackOptions;
import io.slipstream.streamapi.StreamApiServer;
import kafka.server.BrokerServer;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.ReactorPacketWriterServiceGrpc;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.open_data.v1.Packet;
import reactor.core.publisher.Sinks;

/**
 * A broker lost mid-session loses nothing: on a 3-broker KRaft cluster, the Stream API creates its topics with
 * replication 3 and min.insync.replicas 2 (the defaults), and when the leader of the data source's partition stops
 * during a live write stream, the stream carries on and Kafka holds every packet once, in order.
 */
class BrokerLossTest {

    private static final String DS = "Failover";
    private static final int BATCHES = 120;
    private static final int PER_BATCH = 10;

    @TempDir
    Path dir;

    @Test
    void theSessionCarriesOnWhenThePartitionLeaderOfItsDataSourceStops() throws Exception {
        try (KafkaClusterTestKit cluster = threeBrokers()) {
            try (StreamApiServer server = StreamApiServer.start(cluster.bootstrapServers(), 0, StackOptions.ephemeral(dir));
                 Admin admin = cluster.admin()) {
                ManagedChannel channel = NettyChannelBuilder.forTarget(server.address()).usePlaintext().build();
                try {
                    String session = SessionManagementServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                            .createSession(CreateSessionRequest.newBuilder().setDataSource(DS).setIdentifier("broker loss").build())
                            .getSessionKey();
                    Sinks.Many<WriteDataPacketsRequest> requests = Sinks.many().unicast().onBackpressureBuffer();
                    var written = ReactorPacketWriterServiceGrpc.newReactorStub(channel).writeDataPackets(requests.asFlux()).toFuture();

                    TopicPartition stream1 = new TopicPartition(DS, 1);
                    for (int b = 0; b < BATCHES / 2; b++) {
                        requests.tryEmitNext(batch(session, b)).orThrow();
                    }
                    // Half the session has landed before the leader goes: the rest is written across the loss.
                    await().atMost(Duration.ofSeconds(60)).until(() -> endOffset(admin, stream1) >= (long) BATCHES / 4 * PER_BATCH);

                    TopicDescription described = admin.describeTopics(List.of(DS)).allTopicNames().get(30, TimeUnit.SECONDS).get(DS);
                    TopicPartitionInfo partition = described.partitions().get(1);
                    assertEquals(3, partition.replicas().size(), "replication min(3, brokers)");
                    assertEquals("2", admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, DS)))
                            .all().get(30, TimeUnit.SECONDS).values().iterator().next()
                            .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value(), "min.insync.replicas = replication - 1");
                    int leader = partition.leader().id();
                    BrokerServer stopped = cluster.brokers().get(leader);
                    stopped.shutdown();
                    stopped.awaitShutdown();

                    for (int b = BATCHES / 2; b < BATCHES; b++) {
                        requests.tryEmitNext(batch(session, b)).orThrow();
                    }
                    requests.tryEmitComplete().orThrow();
                    written.get(120, TimeUnit.SECONDS);
                    SessionManagementServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                            .endSession(EndSessionRequest.newBuilder().setDataSource(DS).setSessionKey(session).build());

                    int newLeader = admin.describeTopics(List.of(DS)).allTopicNames().get(30, TimeUnit.SECONDS).get(DS)
                            .partitions().get(1).leader().id();
                    assertTrue(newLeader != leader, "another broker leads partition 1 now, not " + leader);
                    assertEquals(0, server.packetsFailed(), "no packet failed");
                    assertEquals((long) BATCHES * PER_BATCH, server.packetsWritten());

                    List<String> landed = new ArrayList<>();
                    for (LandedPacket p : new KafkaPacketReader().readAll(cluster.bootstrapServers(), DS, Map.of("Stream1", 1))) {
                        if (p.partition() == 1 && p.topic().equals(DS)) {
                            landed.add(p.packet().getContent().toStringUtf8());
                        }
                    }
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < BATCHES * PER_BATCH; i++) {
                        expected.add("packet " + i);
                    }
                    assertEquals(expected, landed, "every packet once, in order");
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static KafkaClusterTestKit threeBrokers() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "3")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static long endOffset(Admin admin, TopicPartition tp) throws Exception {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get(30, TimeUnit.SECONDS).offset();
    }

    private static WriteDataPacketsRequest batch(String session, int batch) {
        WriteDataPacketsRequest.Builder request = WriteDataPacketsRequest.newBuilder();
        for (int i = 0; i < PER_BATCH; i++) {
            int n = batch * PER_BATCH + i;
            request.addDetails(DataPacketDetails.newBuilder().setDataSource(DS).setStream("Stream1").setSessionKey(session)
                    .setMessage(Packet.newBuilder().setType("PeriodicData").setSessionKey(session)
                            .setContent(ByteString.copyFromUtf8("packet " + n))));
        }
        return request.build();
    }
}
