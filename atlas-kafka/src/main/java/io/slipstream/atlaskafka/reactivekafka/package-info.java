/**
 * The one place Slipstream touches reactor-kafka, which is discontinued upstream: everything that sends to Kafka
 * reactively goes through {@link io.slipstream.atlaskafka.reactivekafka.ReactiveKafka} (reading goes through
 * {@link io.slipstream.atlaskafka.read.LogReader}, on the plain client), so replacing the library later touches
 * this package only. {@code ReactiveKafkaCanaryTest} keeps it honest on every build.
 * Never call reactor-kafka's {@code sendOffsets(…, String groupId)}: it is broken on kafka-clients 4.x.
 */
package io.slipstream.atlaskafka.reactivekafka;
