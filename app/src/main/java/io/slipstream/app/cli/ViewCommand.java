package io.slipstream.app.cli;

import io.slipstream.app.http.AppHttpServer;
import io.slipstream.app.view.ViewServer;
import io.slipstream.atlaskafka.client.KafkaConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipstream view}: a local web page of what is on Kafka, until Ctrl-C. */
@Command(name = "view", description = {
        "Serve a local web page of what landed on Kafka: data sources, sessions (with the rule checker's verdict),",
        "channels with units, stacked plots on one time axis with laps, pit stops and events, live sessions that",
        "grow as data arrives. The JSON endpoints under /api serve scripts too. Reads only; binds to loopback."})
public final class ViewCommand implements Callable<Integer> {

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaReadOptions kafka;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = ViewOption.DEFAULT_PORT,
            description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = AppHttpServer.LOOPBACK,
            description = "Address to serve on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 serves others too).")
    String bind;

    @Option(names = "--data-source", paramLabel = "DS", description = "Data source the page opens on.")
    String dataSource;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after this long instead of waiting for Ctrl-C (for scripts).")
    Duration duration;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 0 || port > 65_535) {
            spec.commandLine().getErr().println("--port must be 0 to 65535, not " + port);
            return ExitCodes.USAGE;
        }
        KafkaConnection connection;
        try {
            connection = kafka.connection(root.environment().env());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (GracefulShutdown shutdown = GracefulShutdown.install(root.environment(), stop::countDown, Duration.ofSeconds(10));
             ViewServer view = ViewServer.start(connection, kafka.mappings(), bind, port)) {
            out.println("View: " + view.address(dataSource) + " (reading Kafka at " + kafka.bootstrap() + "). Ctrl-C stops.");
            out.flush();
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            return shutdown.finish(ExitCodes.OK);
        }
    }
}
