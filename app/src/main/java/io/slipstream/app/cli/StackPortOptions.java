package io.slipstream.app.cli;

import io.slipstream.streamapi.StackOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The embedded stack's three ports, shared by {@code serve}, {@code run} and {@code replay}: the defaults are the
 * official stack's, so a second stack on the same machine needs other ones, and a taken port is reported with
 * the option that picks another before anything starts.
 */
public final class StackPortOptions {

    @Option(names = "--kafka-port", paramLabel = "P", defaultValue = "" + StackOptions.DEFAULT_KAFKA_PORT,
            description = "Kafka port of the embedded stack (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int kafkaPort;

    @Option(names = "--stream-api-port", paramLabel = "P", defaultValue = "" + StackOptions.DEFAULT_STREAM_API_PORT,
            description = "Stream API port of the embedded stack (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int streamApiPort;

    @Option(names = "--key-generator-port", paramLabel = "P", defaultValue = "" + StackOptions.DEFAULT_KEY_GENERATOR_PORT,
            description = "Key Generator port of the embedded stack (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int keyGeneratorPort;

    /**
     * @param options the stack's other settings
     * @return them with these ports
     */
    StackOptions applyTo(StackOptions options) {
        return options.withKafkaPort(kafkaPort).withStreamApiPort(streamApiPort).withKeyGeneratorPort(keyGeneratorPort);
    }

    /**
     * Tries each chosen port before the stack starts (a broker that finds its port taken fails deep in its
     * start-up, with a message that names no option). Kafka always listens on loopback.
     *
     * @param bind where the Stream API and Key Generator will listen
     * @return what is taken and the option that picks another, or empty when all three are free
     */
    Optional<String> taken(InetAddress bind) {
        return taken(bind, true);
    }

    /**
     * @param bind      where the Stream API and Key Generator will listen
     * @param ownBroker whether the embedded broker starts too (not in front of an existing cluster)
     * @return as {@link #taken(InetAddress)}, the Kafka port checked only for our own broker
     */
    Optional<String> taken(InetAddress bind, boolean ownBroker) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (ownBroker && !free(loopback, kafkaPort)) {
            return Optional.of(inUse(kafkaPort, "--kafka-port"));
        }
        if (!free(bind, streamApiPort)) {
            return Optional.of(inUse(streamApiPort, "--stream-api-port"));
        }
        if (!free(bind, keyGeneratorPort)) {
            return Optional.of(inUse(keyGeneratorPort, "--key-generator-port"));
        }
        return Optional.empty();
    }

    /**
     * @param err where errors go
     * @param why what {@link #taken} found
     * @return the exit code of a command line that does not fit this machine: nothing was started
     */
    static int refuse(PrintWriter err, String why) {
        err.println("error: " + why + "; nothing was started.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String inUse(int port, String option) {
        return "port " + port + " is in use; choose another with " + option + " (0 = any free port)";
    }

    private static boolean free(InetAddress address, int port) {
        if (port == 0) {
            return true;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
