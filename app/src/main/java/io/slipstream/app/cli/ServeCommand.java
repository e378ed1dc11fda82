package io.slipstream.app.cli;

import io.slipstream.app.view.ViewServer;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code slipstream serve}: the embedded Kafka broker, Stream API and Key Generator until Ctrl-C. */
@Command(name = "serve", description = {
        "Run the embedded stack (a Kafka broker in KRaft mode, the Stream API and the Key Generator) until Ctrl-C.",
        "Started again on the same data folder it carries on where it stopped: sessions, data formats and data."})
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = EmbeddedStackOptions.DEFAULT_DATA_DIR,
            description = "Where Kafka keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "P", defaultValue = "9092", description = "Kafka port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--stream-api-port", paramLabel = "P", defaultValue = "13579", description = "Stream API port (default: ${DEFAULT-VALUE}).")
    int streamApiPort;

    @Option(names = "--key-generator-port", paramLabel = "P", defaultValue = "15379", description = "Key Generator port (default: ${DEFAULT-VALUE}).")
    int keyGeneratorPort;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after this long instead of waiting for Ctrl-C (for scripts).")
    Duration duration;

    @Mixin
    ViewOption view;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (GracefulShutdown shutdown = GracefulShutdown.install(root.environment(), stop::countDown, Duration.ofSeconds(30))) {
            StackOptions options = StackOptions.defaults().withDataDir(dataDir).withKafkaPort(kafkaPort)
                    .withStreamApiPort(streamApiPort).withKeyGeneratorPort(keyGeneratorPort);
            EmbeddedStack stack = EmbeddedStack.start(options);
            ViewServer shown = null;
            try {
                out.println("Serving: kafka=" + stack.kafkaBootstrap() + " stream-api=" + stack.streamApiAddress()
                        + " key-generator=" + stack.keyGeneratorAddress() + " (data in " + dataDir + "). Ctrl-C stops.");
                out.flush();
                shown = view.start(stack.kafkaBootstrap(), null, out);
                if (duration == null) {
                    stop.await();
                } else {
                    stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                }
                out.println("Stopping the embedded stack.");
                out.flush();
            } finally {
                ViewOption.stop(shown);
                EmbeddedStackOptions.stop(stack);
            }
            return shutdown.finish(ExitCodes.OK);
        }
    }
}
