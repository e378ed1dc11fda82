package io.slipstream.atlaskafka.reactivekafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/** {@link ReactiveKafka} on reactor-kafka 1.3 over kafka-clients 4.x (send only). */
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
}
