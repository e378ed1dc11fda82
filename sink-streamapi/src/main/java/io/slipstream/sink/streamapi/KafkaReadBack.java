package io.slipstream.sink.streamapi;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import ma.streaming.open_data.v1.Packet;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;

/**
 * Reads back, through reactor-kafka, what landed on a data source's data topics ({@code {ds}} all partitions and
 * {@code {ds}.*}) for one session key, from the beginning up to the end offsets at call time. This is the only
 * way a client-stream writer can learn what the Stream API really took.
 */
final class KafkaReadBack {

    /**
     * One landed packet copy.
     *
     * @param topic     the topic
     * @param partition the partition
     * @param id        its {@code Packet.id}
     * @param type      its {@code Packet.type}
     */
    record Landed(String topic, int partition, long id, String type) {
    }

    private final String bootstrap;
    private final String dataSource;

    KafkaReadBack(String bootstrap, String dataSource) {
        this.bootstrap = bootstrap;
        this.dataSource = dataSource;
    }

    private Map<String, Object> props() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "slipstream-readback-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    /**
     * @param sessionKey the session
     * @return every copy of the session's packets on the data topics, in offset order per partition
     */
    Mono<List<Landed>> read(String sessionKey) {
        return Mono.fromCallable(this::endOffsets).subscribeOn(Schedulers.boundedElastic()).flatMap(ends -> {
            Map<TopicPartition, Long> open = new HashMap<>(ends);
            open.values().removeIf(end -> end <= 0);
            if (open.isEmpty()) {
                return Mono.just(List.<Landed>of());
            }
            ReceiverOptions<String, byte[]> opts = ReceiverOptions.<String, byte[]>create(props())
                    .assignment(open.keySet())
                    .addAssignListener(parts -> parts.forEach(ReceiverPartition::seekToBeginning));
            List<Landed> out = new ArrayList<>();
            return KafkaReceiver.create(opts).receive()
                    .doOnNext(r -> {
                        if (sessionKey.equals(r.key())) {
                            try {
                                Packet p = Packet.parseFrom(r.value());
                                out.add(new Landed(r.topic(), r.partition(), p.getId(), p.getType()));
                            } catch (InvalidProtocolBufferException e) {
                                // not a packet: not ours, so nothing to confirm
                            }
                        }
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        Long end = open.get(tp);
                        if (end != null && r.offset() + 1 >= end) {
                            open.remove(tp);
                        }
                    })
                    .takeUntil(r -> open.isEmpty())
                    .timeout(Duration.ofSeconds(30))
                    .then(Mono.fromSupplier(() -> List.copyOf(out)));
        });
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> e : c.listTopics(Duration.ofSeconds(10)).entrySet()) {
                String t = e.getKey();
                if (t.equals(dataSource) || t.startsWith(dataSource + ".")) {
                    e.getValue().forEach(pi -> tps.add(new TopicPartition(t, pi.partition())));
                }
            }
            return tps.isEmpty() ? Map.of() : c.endOffsets(tps, Duration.ofSeconds(10));
        }
    }

    /**
     * Where a stream's packets land: the main stream on {@code {ds}:0}; another stream on its own topic
     * {@code {ds}.S}, else on the one other partition of {@code {ds}} holding the session's packets, else
     * (an unmapped stream) on {@code {ds}:0}.
     *
     * @param stream the stream
     * @param landed what was read back
     * @return the topic partition
     */
    TopicPartition partitionOf(String stream, List<Landed> landed) {
        if (stream.isEmpty()) {
            return new TopicPartition(dataSource, 0);
        }
        String own = dataSource + "." + stream;
        for (Landed l : landed) {
            if (l.topic().equals(own)) {
                return new TopicPartition(own, 0);
            }
        }
        for (Landed l : landed) {
            if (l.topic().equals(dataSource) && l.partition() != 0) {
                return new TopicPartition(dataSource, l.partition());
            }
        }
        return new TopicPartition(dataSource, 0);
    }
}
