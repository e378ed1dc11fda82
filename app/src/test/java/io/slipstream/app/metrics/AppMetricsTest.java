package io.slipstream.app.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.http.AppHttpServer;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.pipeline.CountersSnapshot;
import io.slipstream.sink.streamapi.ConnectionState;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on the app's HTTP server, over a real loopback socket: the pipelines' series under the names the
 * README lists, JVM metrics, the added-latency histogram, all in text a Prometheus scraper accepts.
 */
class AppMetricsTest {

    private static final Map<String, String> P = Map.of("pipeline", "p \"1\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PipelineStatus status(long received, ConnectionState state, Map<String, Long> dropped) {
        CountersSnapshot c = new CountersSnapshot(received, received - 7, dropped, 3, 2, 0, 0, 11, 4, 1, 17, 100,
                Map.of(), List.of(), 240, 12, 6, 2);
        SinkSnapshot k = new SinkSnapshot("session", state, 21, 11, 4, 1, 4_096, 5, 0, Map.of(), 0, 0, received - 7);
        return new PipelineStatus(P.get("pipeline"), "DS", "", c, k);
    }

    @Test
    void servesThePipelinesJvmAndLatencyAsPrometheusText() throws Exception {
        AtomicReference<List<PipelineStatus>> now = new AtomicReference<>(
                List.of(status(1_000, ConnectionState.CONNECTED, Map.of("overflow-oldest", 7L))));
        try (AppMetrics metrics = new AppMetrics(now::get);
             AppHttpServer server = AppHttpServer.on(0).routes(metrics::routes).start()) {
            assertEquals(AppHttpServer.LOOPBACK, server.host());
            metrics.blockLatency("p \"1\"", TimeUnit.MILLISECONDS.toNanos(3));
            metrics.blockLatency("p \"1\"", TimeUnit.MILLISECONDS.toNanos(4));
            metrics.blockLatency("p \"1\"", TimeUnit.MILLISECONDS.toNanos(150));
            metrics.blockLatency("p \"1\"", -1);

            HttpResponse<String> r = scrape(server.port());
            assertEquals(200, r.statusCode());
            assertEquals(AppMetrics.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""), r.headers()::toString);
            PrometheusText text = PrometheusText.parse(r.body());

            Map<String, Double> counters = Map.ofEntries(
                    Map.entry("slipstream_samples_received_total", 1_000.0),
                    Map.entry("slipstream_samples_emitted_total", 993.0),
                    Map.entry("slipstream_samples_filled_total", 3.0),
                    Map.entry("slipstream_samples_invalid_total", 2.0),
                    Map.entry("slipstream_blocks_total", 11.0),
                    Map.entry("slipstream_rows_total", 240.0),
                    Map.entry("slipstream_row_batches_total", 12.0),
                    Map.entry("slipstream_events_total", 6.0),
                    Map.entry("slipstream_events_dropped_total", 2.0),
                    Map.entry("slipstream_samples_sent_total", 993.0),
                    Map.entry("slipstream_markers_total", 4.0),
                    Map.entry("slipstream_markers_dropped_total", 1.0),
                    Map.entry("slipstream_packets_sent_total", 21.0),
                    Map.entry("slipstream_bytes_sent_total", 4_096.0),
                    Map.entry("slipstream_resends_total", 5.0));
            counters.forEach((name, value) -> {
                assertEquals("counter", text.type(name), name);
                assertEquals(value, text.value(name, P), name);
            });
            assertEquals("gauge", text.type("slipstream_buffer_fill"));
            assertEquals(17.0, text.value("slipstream_buffer_fill", P));
            assertEquals(100.0, text.value("slipstream_buffer_capacity", P));
            assertEquals(7.0, text.value("slipstream_samples_dropped_total", Map.of("pipeline", "p \"1\"", "reason", "overflow-oldest")));
            assertEquals(1.0, text.value("slipstream_connected", Map.of("pipeline", "p \"1\"", "state", "CONNECTED")));

            assertEquals("histogram", text.type("slipstream_block_added_latency_seconds"));
            String bucket = "slipstream_block_added_latency_seconds_bucket";
            assertEquals(0.0, text.value(bucket, Map.of("pipeline", "p \"1\"", "le", "0.002")));
            assertEquals(2.0, text.value(bucket, Map.of("pipeline", "p \"1\"", "le", "0.005")));
            assertEquals(2.0, text.value(bucket, Map.of("pipeline", "p \"1\"", "le", "0.1")));
            assertEquals(3.0, text.value(bucket, Map.of("pipeline", "p \"1\"", "le", "0.2")));
            assertEquals(3.0, text.value(bucket, Map.of("pipeline", "p \"1\"", "le", "+Inf")));
            assertEquals(3.0, text.value("slipstream_block_added_latency_seconds_count", P), "the negative one is not counted");
            assertEquals(0.157, text.value("slipstream_block_added_latency_seconds_sum", P), 1e-9);

            assertTrue(text.value("jvm_memory_used_bytes", Map.of("area", "heap", "id", heapPool(text))) > 0, r::body);
            assertTrue(text.value("jvm_threads_live_threads", Map.of()) > 0, r::body);
            assertTrue(text.value("process_uptime_seconds", Map.of()) > 0, r::body);
        }
    }

    @Test
    void aReconnectReplacesTheConnectedSeriesAndCountersKeepTheirLastValue() throws Exception {
        AtomicReference<List<PipelineStatus>> now = new AtomicReference<>(
                List.of(status(1_000, ConnectionState.CONNECTED, Map.of())));
        try (AppMetrics metrics = new AppMetrics(now::get);
             AppHttpServer server = AppHttpServer.on(0).routes(metrics::routes).start()) {
            PrometheusText.parse(scrape(server.port()).body());
            now.set(List.of(status(2_000, ConnectionState.RECONNECTING, Map.of())));
            PrometheusText second = PrometheusText.parse(scrape(server.port()).body());
            assertEquals(0.0, second.value("slipstream_connected", Map.of("pipeline", "p \"1\"", "state", "RECONNECTING")));
            assertTrue(second.samples().stream().noneMatch(s -> s.name().equals("slipstream_connected")
                    && "CONNECTED".equals(s.labels().get("state"))), "the old state's series is gone");
            assertEquals(2_000.0, second.value("slipstream_samples_received_total", P));

            now.set(List.of());
            PrometheusText ended = PrometheusText.parse(scrape(server.port()).body());
            assertEquals(2_000.0, ended.value("slipstream_samples_received_total", P), "an ended pipeline keeps its count");
        }
    }

    @Test
    void theServerIsGoneOnceClosed() throws Exception {
        int port;
        try (AppMetrics metrics = new AppMetrics(List::of);
             AppHttpServer server = AppHttpServer.on(0).routes(metrics::routes).start()) {
            port = server.port();
            assertEquals(200, scrape(port).statusCode());
        }
        assertThrows(ConnectException.class, () -> scrape(port));
    }

    @Test
    void aPortOutOfRangeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppHttpServer.on(70_000));
        assertEquals("HTTP port 70000 is not 0 to 65535", e.getMessage());
    }

    private static String heapPool(PrometheusText text) {
        return text.samples().stream()
                .filter(s -> s.name().equals("jvm_memory_used_bytes") && "heap".equals(s.labels().get("area")))
                .map(s -> s.labels().get("id")).findFirst()
                .orElseThrow(() -> new AssertionError("no heap pool in jvm_memory_used_bytes"));
    }

    private HttpResponse<String> scrape(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + AppMetrics.PATH))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
