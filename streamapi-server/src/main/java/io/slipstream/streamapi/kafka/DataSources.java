package io.slipstream.streamapi.kafka;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.streamapi.limits.LimitReachedException;
import io.slipstream.streamapi.names.NameRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data sources this server has seen. The first use of a data source (a write, a session, a data
 * format or a reader) creates its topics and runs the first-use listeners (the data-format replay);
 * later uses cost a map lookup. Unlike the official partition-based server, which builds one router
 * for the first data source only (spec §2.2), every data source gets its own topics.
 */
public final class DataSources {

    private static final Logger LOG = LoggerFactory.getLogger(DataSources.class);

    private final KafkaLayout layout;
    private final KafkaAdmin admin;
    private final Map<String, CompletableFuture<Void>> known = new ConcurrentHashMap<>();
    private final List<Consumer<String>> firstUseListeners = new CopyOnWriteArrayList<>();

    private final int max;

    /**
     * @param layout the Kafka layout
     * @param admin  topic creation
     * @param max    data sources clients may bring into use (each one is a set of Kafka topics)
     */
    public DataSources(KafkaLayout layout, KafkaAdmin admin, int max) {
        this.layout = layout;
        this.admin = admin;
        this.max = max;
    }

    /** @param listener called once per data source, after its topics exist and before its first use completes */
    public void onFirstUse(Consumer<String> listener) {
        firstUseListeners.add(listener);
    }

    /**
     * @param dataSource a data source name
     * @throws IllegalArgumentException when {@link NameRules} refuse the name
     * @throws LimitReachedException    when it is new and the server has its most data sources
     * @throws IllegalStateException    when Kafka cannot create its topics
     */
    public void ensure(String dataSource) {
        ensure(dataSource, true);
    }

    /**
     * Brings a data source found on Kafka at start-up into use; the limit on data sources does not apply to it.
     *
     * @param dataSource a data source whose essentials topic exists
     */
    public void ensureExisting(String dataSource) {
        ensure(dataSource, false);
    }

    private void ensure(String dataSource, boolean limited) {
        CompletableFuture<Void> ready = known.get(dataSource);
        if (ready != null && ready.isDone() && !ready.isCompletedExceptionally()) {
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> existing = known.putIfAbsent(dataSource, mine);
        if (existing != null) {
            try {
                existing.join();
                return;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            NameRules.checkDataSource(dataSource);
            if (limited && known.size() > max) {
                throw new LimitReachedException("the server has " + max + " data sources, the most it creates topics for; data source "
                        + dataSource + " is new (use an existing one, or restart the server with a higher limit)");
            }
            admin.ensureTopics(layout.topicsOf(dataSource));
            firstUseListeners.forEach(l -> l.accept(dataSource));
            LOG.info("Data source {} ready ({} layout)", dataSource, layout.topicBased() ? "topic-based" : "partition-based");
            mine.complete(null);
        } catch (RuntimeException e) {
            known.remove(dataSource, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Ensures the data source (and in topic-based mode the stream's topic) and returns where a packet
     * of that stream goes.
     *
     * @param dataSource the data source
     * @param stream     the stream, "" for main
     * @return the topic partition
     * @throws IllegalArgumentException when {@link NameRules} refuse a name (an unmapped stream included)
     * @throws IllegalStateException    when the target partition does not exist on Kafka
     */
    public TopicPartition route(String dataSource, String stream) {
        ensure(dataSource);
        NameRules.checkStream(stream, layout);
        TopicPartition tp = layout.route(dataSource, stream);
        if (!tp.topic().equals(layout.mainTopic(dataSource))) {
            KafkaAdmin.validateTopicName("stream topic of stream " + stream, tp.topic());
            admin.ensureTopics(Map.of(tp.topic(), 1));
        }
        int partitions = admin.knownPartitions(tp.topic()).orElse(1);
        if (tp.partition() >= partitions) {
            throw new IllegalStateException("stream " + stream + " maps to partition " + tp.partition() + " of topic "
                    + tp.topic() + ", which has only " + partitions + " partition(s)");
        }
        return tp;
    }

    /** @param topic a topic @return its partition count as known to this server (1 if never ensured) */
    public int partitions(String topic) {
        return admin.knownPartitions(topic).orElse(1);
    }
}
