package io.slipstream.app.metrics;

import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slipstream.app.run.PipelineStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Everything {@code /metrics} serves, on Micrometer's Prometheus registry: the pipelines' counters (names kept from
 * the first, hand-written exposition), the JVM's heap, GC, threads, class loading, CPU and uptime, and the added
 * latency per block as a histogram.
 */
public final class AppMetrics implements AutoCloseable {

    /** The scrape path. */
    public static final String PATH = "/metrics";
    /** The content type of what {@link PrometheusMeterRegistry#scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Bucket bounds of the added-latency histogram: from the sink's ~1 ms to a stalled second. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMeters pipelines;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();

    /** @param statuses reads the pipelines' counters now; called once per scrape */
    public AppMetrics(Supplier<List<PipelineStatus>> statuses) {
        this.pipelines = new PipelineMeters(registry, statuses);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /**
     * Records one block's added latency: from the read time of its newest sample to the sink taking it.
     *
     * @param pipeline the pipeline's name
     * @param nanos    the latency; a negative one (a source stamping ahead of this clock) is not recorded
     */
    public void blockLatency(String pipeline, long nanos) {
        if (nanos >= 0) {
            latency.computeIfAbsent(pipeline, name -> Timer.builder("slipstream.block.added.latency")
                    .description("From the read time of a block's newest sample to the sink taking the block.")
                    .tag("pipeline", name)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** @return every series now, in the Prometheus text exposition format 0.0.4 */
    public String scrape() {
        pipelines.refresh();
        return registry.scrape();
    }

    /**
     * Serves {@link #PATH}; pass to {@code AppHttpServer.Builder.routes}.
     *
     * @param config the server's config, before it starts
     */
    public void routes(JavalinConfig config) {
        config.routes.get(PATH, ctx -> ctx.contentType(CONTENT_TYPE).result(scrape()));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
