package io.slipstream.atlaskafka.reactivekafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.TestBroker;
import io.slipstream.atlaskafka.read.ConsumerProperties;
import io.slipstream.atlaskafka.read.LogEntry;
import io.slipstream.atlaskafka.read.LogReader;
import io.slipstream.atlaskafka.read.ReadEnd;
import io.slipstream.atlaskafka.read.TailPartition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Canary for reactor-kafka, discontinued upstream: send through our one interface against a real in-process
 * KRaft broker and read back with the plain-client reader. A kafka-clients or Reactor bump that breaks
 * reactor-kafka fails here first.
 */
class ReactiveKafkaCanaryTest {

    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        // Our broker does not create topics on first use (the Stream API creates its own), so neither does this.
        broker.createTopics(Map.of("canary", 1));
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void sendsWithAcknowledgementsAndReadsBackInOrder() {
        ReactiveKafka kafka = ReactiveKafka.connect(broker.bootstrapServers());
        int n = 2_000;
        List<Sent<Integer>> sent = kafka.send(Flux.range(0, n).map(i -> new Outgoing<>("canary", 0, "key-" + (i % 7),
                        ("value-" + i).getBytes(StandardCharsets.UTF_8), i)))
                .collectList()
                .block(Duration.ofSeconds(60));
        assertEquals(n, sent.size());
        for (int i = 0; i < n; i++) {
            Sent<Integer> s = sent.get(i);
            assertTrue(s.ok(), () -> "record " + s.correlation() + " failed: " + s.error());
            assertEquals(i, s.correlation());
            assertEquals(i, s.offset(), "acknowledged in send order at consecutive offsets");
        }

        List<LogEntry> got = LogReader.toEnd(ConsumerProperties.assignOnly(broker.bootstrapServers(), "canary"),
                        List.of(TailPartition.fromBeginning(new TopicPartition("canary", 0), "")),
                        ReadEnd.endOffsets(Duration.ofSeconds(60)), Schedulers.boundedElastic())
                .flatMapIterable(batch -> batch)
                .collectList()
                .block(Duration.ofSeconds(90));
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            LogEntry r = got.get(i);
            assertEquals(i, r.offset());
            assertEquals("key-" + (i % 7), r.key());
            assertArrayEquals(("value-" + i).getBytes(StandardCharsets.UTF_8), r.value());
        }
    }
}
