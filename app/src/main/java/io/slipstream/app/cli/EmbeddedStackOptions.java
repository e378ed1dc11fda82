package io.slipstream.app.cli;

import io.slipstream.app.run.Endpoints;
import io.slipstream.app.status.StartupText;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the embedded stack keeps its data, and on which ports it listens, when {@code run} or {@code replay} start it. The default is the
 * folder {@code slipstream-data} in the working directory, the same that {@code serve} uses, so that
 * {@code slipstream serve} afterwards serves (and {@code inspect} reads) what a run wrote.
 */
public final class EmbeddedStackOptions {

    /** The default data folder of the embedded stack. */
    public static final String DEFAULT_DATA_DIR = "slipstream-data";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStackOptions.class);

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
            description = "Data folder of the embedded stack, when one is started (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    StackPortOptions ports;

    /** @return a chosen port that is taken, and the option that picks another; empty when the stack can start */
    Optional<String> taken() {
        return ports.taken(StackOptions.defaults().security().resolve());
    }

    /**
     * @param out where to say that it started
     * @return the started stack (by default Kafka on 9092, Stream API on 13579, Key Generator on 15379)
     */
    EmbeddedStack start(PrintWriter out) {
        EmbeddedStack stack = EmbeddedStack.start(ports.applyTo(StackOptions.defaults().withDataDir(dataDir)));
        out.print(StartupText.stack(stack.kafkaBootstrap(), stack.streamApiAddress(), stack.keyGeneratorAddress(),
                dataDir.toString()));
        out.flush();
        return stack;
    }

    /**
     * Stops a stack; a failure while stopping, after the sessions have ended, is logged rather than turning a
     * clean run into a failed one.
     *
     * @param stack the stack, or null
     */
    static void stop(EmbeddedStack stack) {
        if (stack == null) {
            return;
        }
        try {
            stack.close();
        } catch (RuntimeException e) {
            LOG.warn("The embedded stack did not stop cleanly: {}", e.toString());
        }
    }

    /**
     * @param stack a running stack
     * @return its addresses
     */
    static Endpoints endpoints(EmbeddedStack stack) {
        return new Endpoints(stack.streamApiAddress(), stack.keyGeneratorAddress(), stack.kafkaBootstrap());
    }
}
