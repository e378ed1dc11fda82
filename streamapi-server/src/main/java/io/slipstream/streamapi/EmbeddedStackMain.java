package io.slipstream.streamapi;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded stack with the official defaults until Ctrl-C.
 *
 * <pre>
 * EmbeddedStackMain [--data-dir DIR] [--kafka-port N] [--stream-api-port N] [--key-generator-port N] [--kafka HOST:PORT,...]
 * </pre>
 */
public final class EmbeddedStackMain {

    private EmbeddedStackMain() {
    }

    /**
     * @param args the options above
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        StackOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: EmbeddedStackMain [--data-dir DIR] [--kafka-port N] [--stream-api-port N] [--key-generator-port N]"
                    + " [--kafka HOST:PORT,...]");
            System.exit(2);
            return;
        }
        EmbeddedStack stack = EmbeddedStack.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "embedded-stack-shutdown"));
        System.out.println("Open Streaming stack running: kafka=" + stack.kafkaBootstrap() + " stream-api=" + stack.streamApiAddress()
                + " key-generator=" + stack.keyGeneratorAddress() + " (Ctrl-C stops)");
        stopped.await();
    }

    static StackOptions parse(String[] args) {
        StackOptions options = StackOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            options = switch (name) {
                case "--data-dir" -> options.withDataDir(Path.of(value));
                case "--kafka-port" -> options.withKafkaPort(port(name, value));
                case "--stream-api-port" -> options.withStreamApiPort(port(name, value));
                case "--key-generator-port" -> options.withKeyGeneratorPort(port(name, value));
                case "--kafka" -> options.withExternalBootstrap(value);
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (known: --data-dir, --kafka-port, --stream-api-port, --key-generator-port, --kafka)");
            };
        }
        return options;
    }

    private static int port(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is \"" + value + "\", expected a port number (0 = a free port)");
        }
    }
}
