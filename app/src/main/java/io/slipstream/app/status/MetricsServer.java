package io.slipstream.app.status;

import com.sun.net.httpserver.HttpServer;
import io.slipstream.app.run.PipelineStatus;
import io.slipstream.sink.streamapi.SinkSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the pipelines' counters at {@code /metrics} in the Prometheus text exposition format, on the JDK's
 * own HTTP server.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port     the TCP port (0 picks a free one)
     * @param statuses reads the pipelines' counters
     * @return the running server
     */
    public static MetricsServer start(int port, Supplier<List<PipelineStatus>> statuses) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> {
                byte[] body = render(statuses.get()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            });
            server.start();
            LOG.info("Metrics served at http://localhost:{}/metrics", server.getAddress().getPort());
            return new MetricsServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * @param statuses the pipelines' counters
     * @return the Prometheus text format
     */
    public static String render(List<PipelineStatus> statuses) {
        StringBuilder sb = new StringBuilder();
        counter(sb, statuses, "slipstream_samples_received_total", "Samples the source produced.", s -> s.pipeline().received());
        counter(sb, statuses, "slipstream_samples_emitted_total", "Samples put into blocks.", s -> s.pipeline().emitted());
        counter(sb, statuses, "slipstream_samples_filled_total", "MISSING samples filled into gaps.", s -> s.pipeline().filled());
        counter(sb, statuses, "slipstream_samples_invalid_total", "NaN or infinite values sent as MISSING.", s -> s.pipeline().invalid());
        counter(sb, statuses, "slipstream_blocks_total", "Blocks assembled.", s -> s.pipeline().blocks());
        counter(sb, statuses, "slipstream_samples_sent_total", "Samples in data packets handed to gRPC (resends not counted).",
                s -> s.sink().samplesSent());
        counter(sb, statuses, "slipstream_markers_total", "Markers derived and handed to the sink.", s -> s.pipeline().markers());
        counter(sb, statuses, "slipstream_markers_dropped_total", "Markers lost with a block still open when the run was cancelled or failed.",
                s -> s.pipeline().markersDropped());
        counter(sb, statuses, "slipstream_packets_sent_total", "Packets sent to the Stream API.", s -> s.sink().packetsSent());
        counter(sb, statuses, "slipstream_bytes_sent_total", "Packet bytes sent to the Stream API.", s -> s.sink().bytes());
        counter(sb, statuses, "slipstream_resends_total", "Packets sent again after a reconnect.", s -> s.sink().resends());
        gauge(sb, statuses, "slipstream_buffer_fill", "Samples waiting in the pipeline's buffer.", s -> s.pipeline().bufferFill());
        gauge(sb, statuses, "slipstream_buffer_capacity", "Capacity of the pipeline's buffer.", s -> s.pipeline().bufferCapacity());
        header(sb, "slipstream_samples_dropped_total", "Samples dropped, by reason.", "counter");
        for (PipelineStatus s : statuses) {
            for (Map.Entry<String, Long> e : s.pipeline().dropped().entrySet()) {
                sb.append("slipstream_samples_dropped_total{pipeline=\"").append(escape(s.name()))
                        .append("\",reason=\"").append(escape(e.getKey())).append("\"} ").append(e.getValue()).append('\n');
            }
        }
        header(sb, "slipstream_connected", "1 when the sink is connected to the Stream API.", "gauge");
        for (PipelineStatus s : statuses) {
            SinkSnapshot k = s.sink();
            sb.append("slipstream_connected{pipeline=\"").append(escape(s.name())).append("\",state=\"")
                    .append(k.state()).append("\"} ").append("CONNECTED".equals(String.valueOf(k.state())) ? 1 : 0).append('\n');
        }
        return sb.toString();
    }

    private static void counter(StringBuilder sb, List<PipelineStatus> all, String name, String help,
                                ToLongFunction<PipelineStatus> value) {
        series(sb, all, name, help, "counter", value);
    }

    private static void gauge(StringBuilder sb, List<PipelineStatus> all, String name, String help,
                              ToLongFunction<PipelineStatus> value) {
        series(sb, all, name, help, "gauge", value);
    }

    private static void series(StringBuilder sb, List<PipelineStatus> all, String name, String help, String type,
                               ToLongFunction<PipelineStatus> value) {
        header(sb, name, help, type);
        for (PipelineStatus s : all) {
            sb.append(name).append("{pipeline=\"").append(escape(s.name())).append("\"} ")
                    .append(value.applyAsLong(s)).append('\n');
        }
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
