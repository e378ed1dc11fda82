package io.slipstream.streamapi.reactivekafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.receiver.ReceiverPartition;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/** {@link ReactiveKafka} on reactor-kafka 1.3 over kafka-clients 4.x (send and receive only). */
final class ReactorKafkaClient implements ReactiveKafka {

    private final String bootstrap;

    ReactorKafkaClient(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public <T> Flux<Sent<T>> send(Flux<Outgoing<T>> records) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return Flux.usingWhen(
                Mono.fromSupplier(() -> KafkaSender.<String, byte[]>create(SenderOptions.create(props))),
                sender -> sender.send(records.map(o -> SenderRecord.create(
                                new ProducerRecord<>(o.topic(), o.partition(), o.key(), o.value()), o.correlation())))
                        .map(r -> new Sent<>(r.correlationMetadata(),
                                r.recordMetadata() == null ? null : r.recordMetadata().topic(),
                                r.recordMetadata() == null ? -1 : r.recordMetadata().partition(),
                                r.recordMetadata() == null ? -1 : r.recordMetadata().offset(),
                                r.exception())),
                sender -> Mono.fromRunnable(sender::close));
    }

    @Override
    public Flux<Received> readFromBeginning(Collection<TopicPartition> partitions) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "slipstream-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        ReceiverOptions<String, byte[]> opts = ReceiverOptions.<String, byte[]>create(props)
                .assignment(List.copyOf(partitions))
                .addAssignListener(parts -> parts.forEach(ReceiverPartition::seekToBeginning));
        return KafkaReceiver.create(opts).receive()
                .map(r -> new Received(r.topic(), r.partition(), r.offset(), r.key(), r.value(), r.timestamp()));
    }
}
