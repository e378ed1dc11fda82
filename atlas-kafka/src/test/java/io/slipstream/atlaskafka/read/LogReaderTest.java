package io.slipstream.atlaskafka.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.TestBroker;
import io.slipstream.atlaskafka.reactivekafka.Outgoing;
import io.slipstream.atlaskafka.reactivekafka.ReactiveKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The one reader against a real broker: where a bounded read stops, how a live one follows, what a stuck one says. */
class LogReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        broker.createTopics(Map.of("Three", 2, "Empty", 1, "Later", 1, "Live", 1));
        send("Three", 0, "a", "b");
        send("Three", 1, "c");
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    private static void send(String topic, int partition, String... values) {
        List<Outgoing<String>> records = List.of(values).stream()
                .map(v -> new Outgoing<>(topic, partition, "k", v.getBytes(StandardCharsets.UTF_8), v)).toList();
        List<Boolean> acked = ReactiveKafka.connect(broker.bootstrapServers()).send(Flux.fromIterable(records))
                .map(s -> s.ok()).collectList().block(WAIT);
        assertEquals(values.length, acked.stream().filter(ok -> ok).count(), "every record acknowledged");
    }

    private static ConsumerProperties consumer() {
        return ConsumerProperties.assignOnly(broker.bootstrapServers(), "test");
    }

    private static List<String> values(Flux<List<LogEntry>> batches) {
        return batches.flatMapIterable(b -> b)
                .map(e -> e.stream() + ":" + new String(e.value(), StandardCharsets.UTF_8) + "@" + e.offset())
                .collectList().block(WAIT);
    }

    @Test
    void toEndOffsetsReadsEveryPartitionFromItsStartAndLabelsTheStreams() {
        List<String> read = values(LogReader.toEnd(consumer(), List.of(
                        TailPartition.fromBeginning(new TopicPartition("Three", 0), ""),
                        TailPartition.fromBeginning(new TopicPartition("Three", 1), "S1"),
                        TailPartition.fromBeginning(new TopicPartition("Empty", 0), "E")),
                ReadEnd.endOffsets(WAIT), Schedulers.boundedElastic()));
        assertEquals(List.of(":a@0", ":b@1", "S1:c@0"), read.stream().sorted().toList());
    }

    @Test
    void toEndOffsetsFromALaterOffsetSkipsWhatCameBefore() {
        List<String> read = values(LogReader.toEnd(consumer(),
                List.of(new TailPartition(new TopicPartition("Three", 0), 1, "")),
                ReadEnd.endOffsets(WAIT), Schedulers.boundedElastic()));
        assertEquals(List.of(":b@1"), read);
    }

    @Test
    void atLeastOneRecordWaitsForTheFirstRecordOfAnEmptyPartition() {
        // On the calling thread with no demand, the subscription measures the end offsets before anything is sent.
        StepVerifier.create(LogReader.toEnd(consumer(), List.of(TailPartition.fromBeginning(new TopicPartition("Later", 0), "")),
                        ReadEnd.atLeastOneRecord(), Schedulers.immediate()), 0)
                .expectSubscription()
                .then(() -> send("Later", 0, "first", "second"))
                .thenRequest(Long.MAX_VALUE)
                .recordWith(ArrayList::new)
                .thenConsumeWhile(batch -> true)
                .consumeRecordedWith(batches -> assertEquals(List.of("first"), batches.stream().flatMap(List::stream)
                        .map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList()))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void followDeliversRecordsAppendedAfterItStarted() {
        // From the beginning of an empty partition: whether the reader or the records come first, both arrive.
        StepVerifier.create(LogReader.follow(consumer(), List.of(TailPartition.fromBeginning(new TopicPartition("Live", 0), "L")),
                                Schedulers.boundedElastic())
                        .flatMapIterable(b -> b)
                        .map(e -> e.stream() + ":" + new String(e.value(), StandardCharsets.UTF_8)))
                .then(() -> send("Live", 0, "x", "y"))
                .expectNext("L:x", "L:y")
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aBoundedReadThatCannotFinishInTimeNamesThePartitionAndItsEnd() {
        // Offset 5 of a two-record partition is never reached while nothing more is written.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LogReader.toEnd(consumer(),
                        List.of(new TailPartition(new TopicPartition("Three", 0), 5, "")),
                        new ReadEnd(true, Duration.ofSeconds(1)), Schedulers.boundedElastic())
                .blockLast(WAIT));
        assertTrue(e.getMessage().startsWith("reading [Three-0] from " + broker.bootstrapServers()
                + " did not reach the end offsets {Three-0=6} within 1 s"), e.getMessage());
    }
}
