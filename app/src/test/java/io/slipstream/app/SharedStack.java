package io.slipstream.app;

import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.StackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded stack (Kafka broker, Stream API, Key Generator on free ports) for every test class of the run
 * that registers this extension: it starts with the first such class and stops when the whole run ends
 * (JUnit closes what the root store holds). Classes keep apart by writing to data sources of their own.
 */
final class SharedStack implements BeforeAllCallback {

    private EmbeddedStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class).stack();
    }

    /** @return the running stack */
    EmbeddedStack get() {
        if (stack == null) {
            throw new IllegalStateException("the shared stack starts before all tests of a class; register it as a static field");
        }
        return stack;
    }

    /**
     * Arguments that point {@code run} and {@code replay} at the stack (and at no plug-ins).
     *
     * @param noPlugins a folder with no plug-in jars
     * @param args      the command line
     * @return the command line with {@code --stream-api}, {@code --key-generator}, {@code --kafka}, {@code --plugins}
     */
    String[] with(Path noPlugins, String... args) {
        String[] sink = {"--stream-api", get().streamApiAddress(), "--key-generator", get().keyGeneratorAddress(),
                "--kafka", get().kafkaBootstrap(), "--plugins", noPlugins.toString()};
        String[] all = new String[args.length + sink.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(sink, 0, all, args.length, sink.length);
        return all;
    }

    /** The stack in the root store; JUnit closes it after the last test class. */
    private record Running(EmbeddedStack stack) implements AutoCloseable {

        static Running start() {
            try {
                // Not under a @TempDir: should the broker fail to stop, deleting its folder under it would make
                // Kafka halt the test JVM.
                return new Running(EmbeddedStack.start(StackOptions.ephemeral(Files.createTempDirectory("slipstream-app-e2e"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            stack.close();
        }
    }
}
