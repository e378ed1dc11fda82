/**
 * The one place Slipstream touches reactor-kafka, which is discontinued upstream: everything else reads and
 * writes Kafka reactively through {@link io.slipstream.streamapi.reactivekafka.ReactiveKafka}, so replacing the
 * library later touches this package only. {@code ReactiveKafkaCanaryTest} keeps it honest on every build.
 * Never call reactor-kafka's {@code sendOffsets(…, String groupId)}: it is broken on kafka-clients 4.x.
 */
package io.slipstream.streamapi.reactivekafka;
