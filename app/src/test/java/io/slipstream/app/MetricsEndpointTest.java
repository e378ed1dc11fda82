package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.app.metrics.PrometheusText;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --metrics-port P}: while a real run writes to the shared embedded stack, {@code /metrics} answers
 * in the Prometheus text format (read strictly by {@link PrometheusText}) with counters that grow, and never exceed
 * what the end summary reports; the endpoint is gone once the run has ended.
 */
class MetricsEndpointTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final Map<String, String> METERED = Map.of("pipeline", "metered");
    private static final List<String> COUNTERS = List.of("slipstream_samples_received_total",
            "slipstream_samples_emitted_total", "slipstream_blocks_total", "slipstream_markers_total",
            "slipstream_packets_sent_total", "slipstream_bytes_sent_total");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void metricsAreServedWhileARunGoesAndAgreeWithItsSummary() throws Exception {
        Path cfg = Files.writeString(dir.resolve("metered.yaml"), """
                pipelines:
                  - name: metered
                    source: { provider: synthetic, preset: demo }
                    block: { span: 100ms, linger: 200ms }
                    overflow: { policy: drop-oldest }
                    sink: { data-source: MetricsTest }
                """);
        int port = freePort();
        Path json = dir.resolve("summary.json");
        // Open-ended: the run goes on until both scrapes are done, however slow the machine, then is stopped.
        Cli.Background run = Cli.start(STACK.with(dir.resolve("no-plugins"), "run", cfg.toString(),
                "--metrics-port", String.valueOf(port), "--summary-json", json.toString()));

        AtomicReference<HttpResponse<String>> first = new AtomicReference<>();
        run.awaitUntil("a scrape with samples and packets", Duration.ofSeconds(60), () -> {
            HttpResponse<String> r = scrape(port);
            first.set(r);
            return r != null && value(r.body(), "slipstream_samples_received_total") > 0
                    && value(r.body(), "slipstream_packets_sent_total") > 0;
        });
        HttpResponse<String> early = first.get();
        assertEquals(200, early.statusCode());
        assertTrue(early.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                early.headers()::toString);
        for (String name : COUNTERS) {
            assertTrue(early.body().contains("# HELP " + name + " "), () -> name + " has no HELP line:\n" + early.body());
            assertTrue(early.body().contains("# TYPE " + name + " counter\n"), () -> name + " is not a counter:\n" + early.body());
        }
        assertTrue(early.body().contains("# TYPE slipstream_buffer_fill gauge\n"), early::body);
        assertEquals(1.0, PrometheusText.parse(early.body())
                .value("slipstream_connected", Map.of("pipeline", "metered", "state", "CONNECTED")), early::body);

        Map<String, Long> before = series(early.body());
        AtomicReference<Map<String, Long>> later = new AtomicReference<>();
        run.awaitUntil("a later scrape with more samples", Duration.ofSeconds(30), () -> {
            HttpResponse<String> r = scrape(port);
            later.set(r == null ? null : series(r.body()));
            return later.get() != null
                    && later.get().get("slipstream_samples_received_total") > before.get("slipstream_samples_received_total");
        });
        for (String name : COUNTERS) {
            assertTrue(later.get().get(name) >= before.get(name), () -> name + " went down: " + before + " then " + later.get());
        }

        run.requestStop();
        Cli.Result result = run.await(Duration.ofSeconds(60));
        assertEquals(0, result.code(), result::toString);
        String summary = Files.readString(json);
        Map<String, Long> end = new LinkedHashMap<>();
        end.put("slipstream_samples_received_total", SummaryJson.number(summary, "received"));
        end.put("slipstream_samples_emitted_total", SummaryJson.number(summary, "emitted"));
        end.put("slipstream_blocks_total", SummaryJson.number(summary, "blocks"));
        end.put("slipstream_markers_total", SummaryJson.number(summary, "markers"));
        end.put("slipstream_packets_sent_total", SummaryJson.number(summary, "sent"));
        end.put("slipstream_bytes_sent_total", SummaryJson.number(summary, "bytes"));
        for (String name : COUNTERS) {
            long scraped = later.get().get(name);
            assertTrue(scraped <= end.get(name), () -> name + " scraped " + scraped + " but the summary says " + end.get(name));
        }
        assertEquals(0, SummaryJson.number(summary, "dropped"), summary);

        long timed = later.get().get("slipstream_block_added_latency_seconds_count");
        assertTrue(timed > 0 && timed <= SummaryJson.number(summary, "blocks"),
                () -> timed + " blocks in the added-latency histogram, of " + end.get("slipstream_blocks_total"));

        assertThrows(ConnectException.class, () -> http.send(request(port), HttpResponse.BodyHandlers.ofString()),
                "the metrics endpoint closes with the run");
    }

    /** @return the response, or null while nothing listens yet (or a loaded machine answers too slowly) */
    private HttpResponse<String> scrape(int port) {
        try {
            return http.send(request(port), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest request(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build();
    }

    private static Map<String, Long> series(String body) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (PrometheusText.Sample s : PrometheusText.parse(body).samples()) {
            if (s.name().startsWith("slipstream_") && s.labels().equals(METERED)) {
                out.put(s.name(), (long) s.value());
            }
        }
        return out;
    }

    private static long value(String body, String name) {
        return series(body).getOrDefault(name, 0L);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
