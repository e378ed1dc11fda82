package io.slipstream.streamapi.reactivekafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.streamapi.KafkaBroker;
import io.slipstream.streamapi.kafka.KafkaAdmin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Canary for reactor-kafka, discontinued upstream: send and receive through our one interface against a real
 * in-process KRaft broker. A kafka-clients or Reactor bump that breaks reactor-kafka fails here first.
 */
class ReactiveKafkaCanaryTest {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0);
        // Our broker does not create topics on first use (the Stream API creates its own), so neither does this.
        try (KafkaAdmin admin = new KafkaAdmin(broker.bootstrapServers())) {
            admin.ensureTopics(Map.of("canary", 1));
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void sends_with_acknowledgements_and_reads_back_in_order() {
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

        List<Received> got = kafka.readFromBeginning(List.of(new TopicPartition("canary", 0)))
                .take(n)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            Received r = got.get(i);
            assertEquals(i, r.offset());
            assertEquals("key-" + (i % 7), r.key());
            assertArrayEquals(("value-" + i).getBytes(StandardCharsets.UTF_8), r.value());
        }
    }
}
