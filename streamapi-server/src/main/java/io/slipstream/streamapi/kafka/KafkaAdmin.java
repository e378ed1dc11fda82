package io.slipstream.streamapi.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.streamapi.KafkaSettings;
import io.slipstream.streamapi.KafkaSettings.TopicReplication;

/**
 * Topic creation and offset queries against the broker, shared by all parts of the Stream API. Topics
 * are created once with explicit partition counts and never altered (spec §2.3); their partition
 * counts are remembered so that a write to a partition that does not exist fails at once with a clear
 * message instead of waiting for metadata. Once {@link #useReplication} has been called, created topics get that
 * replication factor and {@code min.insync.replicas}; before, the broker's defaults.
 */
public final class KafkaAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAdmin.class);
    private static final long TIMEOUT_MS = 15_000;

    private final Admin admin;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private volatile TopicReplication replication;

    /** @param bootstrapServers the Kafka bootstrap servers (PLAINTEXT) */
    public KafkaAdmin(String bootstrapServers) {
        this(KafkaConnection.plaintext(bootstrapServers));
    }

    /** @param connection the Kafka cluster and how to talk to it */
    public KafkaAdmin(KafkaConnection connection) {
        Map<String, Object> config = connection.clientProperties("slipstream-stream-api-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        this.admin = Admin.create(config);
    }

    /**
     * Counts the brokers of the cluster and fixes the replication of the topics created from now on.
     *
     * @param settings the replication asked for (0 = automatic)
     * @return the replication chosen
     * @throws IllegalStateException when the cluster cannot give it, or does not answer
     */
    public TopicReplication useReplication(KafkaSettings settings) {
        int brokers = call("describe the cluster", admin.describeCluster().nodes()).size();
        try {
            replication = settings.replicationFor(brokers);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Kafka topics cannot be created as asked: " + e.getMessage(), e);
        }
        LOG.info("Topics are created with replication factor {} and min.insync.replicas {} ({} broker(s))",
                replication.factor(), replication.minIsr(), brokers);
        return replication;
    }

    /**
     * Checks that a name is a legal Kafka topic name.
     *
     * @param what  what the name is, for the message (e.g. "data source")
     * @param topic the topic name
     * @throws IllegalArgumentException naming the value and the rule it breaks
     */
    public static void validateTopicName(String what, String topic) {
        try {
            Topic.validate(topic);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException(what + " \"" + topic + "\" cannot be a Kafka topic name: " + e.getMessage()
                    + " (allowed: letters, digits, '.', '_', '-', at most 249 characters)", e);
        }
    }

    /**
     * Creates the topics that do not exist yet; existing ones are left as they are.
     *
     * @param topics topic name to partition count
     */
    public void ensureTopics(Map<String, Integer> topics) {
        Map<String, Integer> missing = new HashMap<>();
        topics.forEach((topic, partitions) -> {
            if (!partitionCounts.containsKey(topic)) {
                missing.put(topic, partitions);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        TopicReplication r = replication;
        List<NewTopic> newTopics = missing.entrySet().stream()
                .map(e -> r == null ? new NewTopic(e.getKey(), Optional.of(e.getValue()), Optional.empty())
                        : new NewTopic(e.getKey(), e.getValue(), (short) r.factor())
                                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(r.minIsr()))))
                .toList();
        var result = admin.createTopics(newTopics);
        for (var entry : result.values().entrySet()) {
            String topic = entry.getKey();
            try {
                entry.getValue().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                partitionCounts.put(topic, missing.get(topic));
                LOG.info("Created topic {} with {} partition(s)", topic, missing.get(topic));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    TopicDescription existing = describe(topic);
                    int actual = existing.partitions().size();
                    partitionCounts.put(topic, actual);
                    int replicas = existing.partitions().get(0).replicas().size();
                    if (r != null && replicas < r.factor()) {
                        LOG.warn("Topic {} exists with replication factor {}, less than the {} asked for: it keeps its own",
                                topic, replicas, r.factor());
                    }
                    if (actual < missing.get(topic)) {
                        LOG.warn("Topic {} exists with {} partition(s), fewer than the {} the layout needs; "
                                + "writes to the missing partitions will fail", topic, actual, missing.get(topic));
                    }
                } else {
                    throw new IllegalStateException("Cannot create Kafka topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + topic, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + topic + " within " + TIMEOUT_MS + " ms", e);
            }
        }
        awaitWritable(missing);
    }

    /**
     * Waits until the broker serves every partition of the topics. A topic is in the broker's metadata (with a leader)
     * a little before the broker has opened its partitions, and a write in that gap is answered "not leader". With
     * several requests in flight, the idempotent producer's retry of that first batch then meets a partition that
     * already took the next batch and fails with OutOfOrderSequenceException until the delivery timeout: the packets
     * are lost (KAFKA-15591, seen here in the 100,000-packet test). The broker answers an offset query from the same
     * partition state a write uses, so a successful one means the partition takes writes.
     */
    private void awaitWritable(Map<String, Integer> topics) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        topics.forEach((topic, partitions) -> {
            for (int p = 0; p < partitionCounts.getOrDefault(topic, partitions); p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            try {
                call("read the end offsets of " + topics.keySet(), admin.listOffsets(request).all());
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka created " + topics.keySet() + " but did not open their partitions within "
                            + TIMEOUT_MS + " ms: " + e.getMessage(), e);
                }
                LOG.debug("Partitions of {} not open yet: {}", topics.keySet(), e.getMessage());
            }
        }
    }

    /**
     * @param topic a topic this server has ensured
     * @return its partition count, or empty when it was never ensured
     */
    public Optional<Integer> knownPartitions(String topic) {
        return Optional.ofNullable(partitionCounts.get(topic));
    }

    /** @return the names of all topics on the broker */
    public Set<String> listTopics() {
        return call("list topics", admin.listTopics().names());
    }

    /**
     * @param partitions partitions, possibly of topics that do not exist
     * @return the high watermark (next offset) of each; 0 for partitions that do not exist
     */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request);
        for (TopicPartition tp : partitions) {
            try {
                offsets.put(tp, result.partitionResult(tp).get(TIMEOUT_MS, TimeUnit.MILLISECONDS).offset());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    offsets.put(tp, 0L);
                } else {
                    throw new IllegalStateException("Cannot read the end offset of " + tp + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading offsets", e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not report the end offset of " + tp + " within " + TIMEOUT_MS + " ms", e);
            }
        }
        return offsets;
    }

    /**
     * @param topic an existing topic
     * @return its partition count
     */
    public int describePartitions(String topic) {
        return describe(topic).partitions().size();
    }

    private TopicDescription describe(String topic) {
        Map<String, TopicDescription> d = call("describe topic " + topic, admin.describeTopics(List.of(topic)).allTopicNames());
        return d.get(topic);
    }

    private static <T> T call(String what, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not " + what + " within " + TIMEOUT_MS + " ms", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
