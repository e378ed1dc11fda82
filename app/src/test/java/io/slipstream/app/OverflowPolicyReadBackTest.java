package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.app.cli.ExitCodes;
import io.slipstream.app.metrics.PrometheusText;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.LongStream;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code overflow.policy: drop-oldest} and {@code drop-newest} as a user configures them, read back from Kafka.
 *
 * <p>How the overflow is made exact: a dropping policy reads its source as fast as it comes (a live source does not
 * wait), and the run's sink reaches the Stream API through a {@link GatedPort} that accepts nobody yet. The sink
 * takes the first event and waits for CreateSession, so the pipeline stops taking samples once its queues behind the
 * buffer are full ({@code queue-bytes: 1} lets one block wait for the sink, so that happens a few rows in rather than
 * after 16 MB); the CSV source's burst of {@value #ROWS} rows then fills the {@value #BUFFER}-sample buffer and
 * overflows it. Only when the metrics say every row was received is the gate opened and the run drains (the last
 * row is counted a few instructions before the buffer takes or drops it; the gate, a TCP accept and CreateSession
 * later, is milliseconds behind). Which
 * samples survive then follows from the policy alone: drop-newest keeps a prefix of the file and loses its whole
 * tail; drop-oldest keeps what was already past the buffer plus exactly the {@value #BUFFER} newest rows.
 */
class OverflowPolicyReadBackTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final int ROWS = 20_000;
    private static final int BUFFER = 100;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void dropNewestLandsAPrefixOfTheBurstAndCountsEveryRowOfTheLostTail() throws Exception {
        Outcome o = burst("drop-newest", "DropNewest");
        long kept = ROWS - o.dropped();
        assertTrue(kept > BUFFER && kept < ROWS, () -> "an overflow that kept " + kept + " of " + ROWS);
        assertEquals(range(0, kept), o.landed(), "the first rows landed, every later one was refused at the full buffer");
        assertEquals(Map.of("overflow-newest", o.dropped()), o.droppedByReason());
    }

    @Test
    void dropOldestLandsTheRowsAlreadyPastTheBufferAndTheNewestBufferfulAndCountsTheHoleBetween() throws Exception {
        Outcome o = burst("drop-oldest", "DropOldest");
        long before = ROWS - BUFFER - o.dropped(); // rows that had left the buffer before it overflowed
        assertTrue(before > 0, () -> "no row got past the buffer before it overflowed: " + o);
        TreeSet<Long> expected = range(0, before);
        expected.addAll(range(ROWS - BUFFER, ROWS));
        assertEquals(expected, o.landed(), "rows before the stall, then exactly the newest " + BUFFER);
        assertEquals(Map.of("overflow-oldest", o.dropped()), o.droppedByReason());
    }

    /** What a run with the policy left in its summary and in Kafka. */
    private record Outcome(long dropped, Map<String, Long> droppedByReason, TreeSet<Long> landed) {
    }

    private Outcome burst(String policy, String dataSource) throws Exception {
        StringBuilder csv = new StringBuilder("Time,v\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(String.format(Locale.ROOT, "%.3f,%d%n", i / 1000.0, i));
        }
        Path file = Files.writeString(dir.resolve("burst.csv"), csv);
        Path cfg = Files.writeString(dir.resolve("burst.yaml"), """
                pipelines:
                  - name: burst
                    source: { provider: csv, file: "%s" }
                    block: { size: 10 }
                    overflow: { policy: %s, buffer: %d, queue-bytes: 1 }
                    sink: { data-source: %s }
                """.formatted(file.toString().replace("\\", "/"), policy, BUFFER, dataSource));
        Path json = dir.resolve("summary.json");
        int metricsPort = freePort();
        Cli.Result r;
        try (GatedPort gate = new GatedPort(STACK.get().streamApiPort())) {
            Cli.Background run = Cli.start("run", cfg.toString(), "--stream-api", gate.address(),
                    "--key-generator", STACK.get().keyGeneratorAddress(), "--kafka", STACK.get().kafkaBootstrap(),
                    "--plugins", dir.resolve("no-plugins").toString(), "--metrics-port", String.valueOf(metricsPort),
                    "--summary-json", json.toString());
            run.awaitUntil("every row received while the sink waits at the gate", Duration.ofSeconds(60),
                    () -> received(metricsPort) == ROWS);
            gate.open();
            r = run.await(Duration.ofMinutes(2));
            assertEquals(ExitCodes.OK, r.code(), r::toString);
        }

        JsonNode p = new ObjectMapper().readTree(Files.readString(json)).get("pipelines").get(0);
        JsonNode samples = p.get("samples");
        assertEquals(ROWS, samples.get("received").asLong(), p::toString);
        long dropped = samples.get("dropped").asLong();
        assertEquals(ROWS - dropped, samples.get("emitted").asLong(), "received = emitted + dropped: " + p);
        Map<String, Long> byReason = new ObjectMapper().convertValue(samples.get("droppedByReason"),
                new TypeReference<Map<String, Long>>() { });
        String reason = "overflow-" + policy.substring("drop-".length());
        Cli.Result done = r;
        assertTrue(done.out().contains(String.format(Locale.ROOT, "samples: %,d received, %,d emitted, %,d dropped {%s=%d}",
                ROWS, ROWS - dropped, dropped, reason, dropped)), () -> "the end summary on screen says the same:\n" + done);

        String key = p.get("sessionKey").asText();
        List<LandedPacket> landed = new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), dataSource,
                Map.of("Stream1", 1, "Stream2", 2)).stream()
                .filter(l -> l.packet() != null && key.equals(l.packet().getSessionKey())).toList();
        assertEquals(List.of(), new SessionRuleChecker().check(landed, key));
        TreeSet<Long> values = new TreeSet<>();
        long count = 0;
        for (LandedPacket l : landed) {
            if ("PeriodicData".equals(l.packet().getType())) {
                for (var column : PeriodicDataPacket.parseFrom(l.packet().getContent()).getColumnsList()) {
                    for (var s : column.getDoubleSamples().getSamplesList()) {
                        values.add((long) s.getValue());
                        count++;
                    }
                }
            }
        }
        assertEquals(values.size(), count, "no row landed twice");
        assertEquals(ROWS - dropped, count, "what is missing in Kafka is exactly what was counted as dropped");
        return new Outcome(dropped, byReason, values);
    }

    private static TreeSet<Long> range(long from, long to) {
        TreeSet<Long> s = new TreeSet<>();
        LongStream.range(from, to).forEach(s::add);
        return s;
    }

    /** @return the run's received samples, or -1 while its metrics endpoint does not answer yet */
    private long received(int port) {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            String body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            return PrometheusText.parse(body).samples().stream()
                    .filter(s -> s.name().equals("slipstream_samples_received_total"))
                    .mapToLong(s -> (long) s.value()).findFirst().orElse(-1);
        } catch (ConnectException | HttpTimeoutException e) {
            return -1;
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
