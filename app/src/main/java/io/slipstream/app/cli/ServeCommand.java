package io.slipstream.app.cli;

import io.slipstream.app.view.ViewServer;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.LogRetention;
import io.slipstream.streamapi.ServerLimits;
import io.slipstream.streamapi.ServerSecurity;
import io.slipstream.streamapi.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipstream serve}: the embedded Kafka broker, Stream API and Key Generator until Ctrl-C. */
@Command(name = "serve", description = {
        "Run the embedded stack (a Kafka broker in KRaft mode, the Stream API and the Key Generator) until Ctrl-C.",
        "With --kafka it serves the Stream API and Key Generator in front of an existing Kafka cluster instead.",
        "Started again on the same data folder it carries on where it stopped: sessions, data formats and data.",
        "Listens on this machine only unless --bind opens it; see SECURITY.md for what it trusts and refuses."})
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    SlipstreamCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = EmbeddedStackOptions.DEFAULT_DATA_DIR,
            description = "Where Kafka keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    StackPortOptions ports;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Stop after this long instead of waiting for Ctrl-C (for scripts).")
    Duration duration;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ServerSecurity.LOOPBACK,
            description = "Address the Stream API and Key Generator listen on (default: ${DEFAULT-VALUE}, this machine only;"
                    + " 0.0.0.0 = every interface, warned about without TLS). Kafka always stays on 127.0.0.1.")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain: serve the Stream API and Key Generator over TLS (needs --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM PKCS#8 private key of --tls-cert (read, never logged).")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "PEM CA certificates: admit only clients whose certificate it signed (mutual TLS; needs --tls-cert).")
    Path clientCa;

    @Option(names = "--retention", paramLabel = "D|forever", converter = RetentionConverter.class, defaultValue = LogRetention.FOREVER,
            description = "How long the embedded Kafka keeps records before deleting them (default: ${DEFAULT-VALUE}, until you"
                    + " delete the data folder; e.g. 30d or 12h). The Stream API rebuilds its sessions from them on start.")
    LogRetention retention;

    @Option(names = "--session-retention", paramLabel = "D", converter = DurationConverter.class, defaultValue = "1h",
            description = "How long an ended session is still answered by GetSessionInfo and GetCurrentSessions"
                    + " (default: ${DEFAULT-VALUE}; it stays on Kafka).")
    Duration sessionRetention;

    @Option(names = "--max-ended-sessions", paramLabel = "N", defaultValue = "10000",
            description = "Ended sessions remembered at most; the oldest is forgotten first (default: ${DEFAULT-VALUE}).")
    int maxEndedSessions;

    @Option(names = "--max-sessions-per-client", paramLabel = "N", defaultValue = "256",
            description = "Open sessions one client (IP address) may have (default: ${DEFAULT-VALUE}).")
    int maxSessionsPerClient;

    @Option(names = "--max-streams-per-client", paramLabel = "N", defaultValue = "64",
            description = "Open readers and write streams one client may have (default: ${DEFAULT-VALUE}).")
    int maxStreamsPerClient;

    @Option(names = "--max-subscribers-per-client", paramLabel = "N", defaultValue = "16",
            description = "Open session notification streams one client may have (default: ${DEFAULT-VALUE}).")
    int maxSubscribersPerClient;

    @Option(names = "--max-connections-per-client", paramLabel = "N", defaultValue = "1024",
            description = "Reader connections one client may hold before closing some (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerClient;

    @Option(names = "--max-data-sources", paramLabel = "N", defaultValue = "1000",
            description = "Data sources the Stream API creates Kafka topics for, at most (default: ${DEFAULT-VALUE}).")
    int maxDataSources;

    @Mixin
    KafkaClusterOptions cluster;

    /**
     * @param env looks environment variables up (the Kafka security settings)
     * @return the stack's options from the command line
     * @throws picocli.CommandLine.ParameterException naming the option, when the values do not fit together
     */
    StackOptions stackOptions(Function<String, String> env) {
        try {
            ServerLimits limits = new ServerLimits(sessionRetention, maxEndedSessions, maxSessionsPerClient, maxStreamsPerClient,
                    maxSubscribersPerClient, maxConnectionsPerClient, maxDataSources);
            ServerSecurity security = new ServerSecurity(bind, tlsCert, tlsKey, clientCa);
            security.resolve();
            return ports.applyTo(StackOptions.defaults().withDataDir(dataDir)).withLimits(limits).withSecurity(security)
                    .withExternalBootstrap(cluster.bootstrap()).withKafka(cluster.settings(env))
                    .withRetention(retention);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Mixin
    ViewOption view;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (GracefulShutdown shutdown = GracefulShutdown.install(root.environment(), stop::countDown, Duration.ofSeconds(30))) {
            StackOptions options = stackOptions(root.environment().env());
            // In front of an existing cluster no broker starts here, so the Kafka port is not ours to check.
            Optional<String> taken = ports.taken(options.security().resolve(), options.externalBootstrap() == null);
            if (taken.isPresent()) {
                return StackPortOptions.refuse(spec.commandLine().getErr(), taken.get());
            }
            if (!options.security().loopbackOnly() && !options.security().tls()) {
                spec.commandLine().getErr().println("WARNING: serving on " + bind + " without TLS: anyone who reaches it can read and"
                        + " write every session in cleartext. Give --tls-cert and --tls-key (and --client-ca to admit only your clients).");
                spec.commandLine().getErr().flush();
            }
            EmbeddedStack stack = EmbeddedStack.start(options);
            ViewServer shown = null;
            try {
                out.println("Serving: kafka=" + stack.kafkaBootstrap() + " stream-api=" + stack.streamApiAddress()
                        + " key-generator=" + stack.keyGeneratorAddress() + " (listening on " + options.security().describe()
                        + (options.externalBootstrap() == null ? ", data in " + dataDir : ", Kafka " + options.kafka().security().protocol())
                        + "). Ctrl-C stops.");
                out.flush();
                shown = view.start(options.kafka().connection(stack.kafkaBootstrap()), null, out);
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
