package io.slipstream.atlaskafka.reactivekafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.slipstream.atlaskafka.client.KafkaConnection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

/** {@link ReactiveKafka} on reactor-kafka 1.3 over kafka-clients 4.x (send only). */
final class ReactorKafkaClient implements ReactiveKafka {

    /** reactor-kafka's own default. */
    static final int DEFAULT_IN_FLIGHT = 256;
    /** How long closing waits for what is still buffered to be acknowledged. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> properties;
    private final int inFlight;

    ReactorKafkaClient(KafkaConnection connection, String clientId, Map<String, Object> tuning, int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("inFlight is " + inFlight + ", expected 1 or more");
        }
        Map<String, Object> props = new HashMap<>(connection.clientProperties(clientId));
        props.putAll(tuning);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.properties = Map.copyOf(props);
        this.inFlight = inFlight;
    }

    /** @return the producer's properties, as the producer gets them */
    Map<String, Object> properties() {
        return properties;
    }

    @Override
    public <T> Flux<Sent<T>> send(Flux<Outgoing<T>> records) {
        // stopOnError(false): a record the broker or client refuses comes back as a failed result; the others go on.
        SenderOptions<String, byte[]> options = SenderOptions.<String, byte[]>create(properties)
                .maxInFlight(inFlight)
                .stopOnError(false)
                .closeTimeout(CLOSE_TIMEOUT);
        return Flux.usingWhen(
                Mono.fromSupplier(() -> KafkaSender.create(options)),
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
