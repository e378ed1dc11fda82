package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run whose Stream API stops taking anything (the process frozen: the connection stays open, nothing moves)
 * keeps every queue between source and socket within its bytes, drops samples by its overflow policy, counts each
 * one, and goes on when the Stream API does; the counts reach {@code /metrics} and {@code --summary-json}.
 */
class StalledStreamApiTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    /**
     * What the run may hold while the Stream API is frozen: the sample buffer and hand-off ((1,024 + 256) samples of
     * 48 bytes), the event queue (64 KiB and one block over), the send queues (a quarter of the 256 KiB resend buffer,
     * and one packet over) and the resend buffers (256 KiB) of both streams; the demo's largest block is 100 ms of
     * its 1 kHz group, under 32 KiB. Without the bounds the blocks would pile up at ~1 MB every few seconds.
     */
    private static final long HELD_AT_MOST = 1_280 * 48 + (64 << 10) + (32 << 10)
            + 2 * ((64 << 10) + (32 << 10) + (256 << 10));

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aFrozenStreamApiMakesALiveRunDropByItsPolicyWithinItsBytesAndEveryDropIsCounted() throws Exception {
        Path cfg = Files.writeString(dir.resolve("stall.yaml"), """
                pipelines:
                  - name: stalled
                    source: { provider: synthetic, preset: demo }
                    block: { span: 100ms, linger: 200ms }
                    overflow: { policy: drop-oldest, buffer: 1024, queue-bytes: 64KB }
                    sink: { data-source: StallTest, resend-buffer-bytes: 256KB }
                """);
        int port = freePort();
        Path json = dir.resolve("summary.json");
        try (FreezableProxy proxy = new FreezableProxy(STACK.get().streamApiAddress())) {
            Cli.Background run = Cli.start("run", cfg.toString(), "--stream-api", proxy.address(),
                    "--key-generator", STACK.get().keyGeneratorAddress(), "--plugins", dir.resolve("none").toString(),
                    "--metrics-port", String.valueOf(port), "--summary-json", json.toString());

            run.awaitUntil("packets sent through the proxy", Duration.ofSeconds(60),
                    () -> metric(port, "slipstream_packets_sent_total") > 10);
            proxy.freeze();
            AtomicLong held = new AtomicLong();
            run.awaitUntil("samples dropped while the Stream API is frozen", Duration.ofSeconds(60), () -> {
                held.accumulateAndGet(metric(port, "slipstream_buffer_bytes"), Math::max);
                return metric(port, "slipstream_samples_dropped_total") > 1_000;
            });
            assertTrue(held.get() <= HELD_AT_MOST, held.get() + " bytes held, at most " + HELD_AT_MOST);
            long sentWhileFrozen = metric(port, "slipstream_packets_sent_total");

            proxy.thaw();
            run.awaitUntil("packets flowing again", Duration.ofSeconds(60),
                    () -> metric(port, "slipstream_packets_sent_total") > sentWhileFrozen + 10);
            run.requestStop();
            Cli.Result result = run.await(Duration.ofSeconds(60));
            assertEquals(0, result.code(), result::toString);
        }

        String summary = Files.readString(json);
        long received = SummaryJson.number(summary, "received");
        long emitted = SummaryJson.number(summary, "emitted");
        long dropped = SummaryJson.number(summary, "dropped");
        assertTrue(dropped > 1_000, summary);
        assertEquals(dropped, SummaryJson.number(summary, "overflow-oldest"), "every drop by the policy: " + summary);
        assertEquals(received, emitted + dropped, "each sample emitted or dropped, once: " + summary);
        assertEquals(0, SummaryJson.number(summary, "notSent"), "all emitted reached the Stream API: " + summary);
        assertEquals(emitted + SummaryJson.number(summary, "filled") - SummaryJson.number(summary, "events"),
                SummaryJson.number(summary, "sentToStreamApi"), summary);
        assertEquals(0, SummaryJson.number(summary, "droppedSamples"), "no packet was lost: " + summary);
    }

    /** @return the sum of a metric's series of the pipeline, or 0 while the endpoint does not answer */
    private long metric(int port, String name) {
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            return 0;
        } catch (IOException e) {
            throw new AssertionError("GET /metrics failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        double sum = 0;
        for (PrometheusText.Sample s : PrometheusText.parse(r.body()).samples()) {
            if (s.name().equals(name) && "stalled".equals(s.labels().get("pipeline"))) {
                sum += s.value();
            }
        }
        return (long) sum;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
