package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.slipstream.streamapi.grpc.GrpcServers;

/**
 * Every gRPC port listens on loopback unless opened deliberately, and opening it without TLS is warned about. The
 * Key Generator stands for both servers here: it starts through the same {@link GrpcServers} as the Stream API,
 * without needing a broker.
 */
class BindingTest {

    /** An address of this machine that other machines could reach, if it has one. */
    private static Optional<InetAddress> networkAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<ILoggingEvent> warningsDuring(Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(GrpcServers.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list;
    }

    @Test
    void byDefaultOnlyThisMachineReachesThePort() throws Exception {
        InetAddress outside = networkAddress().orElse(null);
        assumeTrue(outside != null, "this machine has no non-loopback IPv4 address to try");
        List<ILoggingEvent> warnings;
        try (KeyGeneratorServer server = KeyGeneratorServer.start(0)) {
            warnings = warningsDuring(() -> { });
            assertTrue(connects(InetAddress.getLoopbackAddress(), server.port()));
            assertEquals(false, connects(outside, server.port()), "not reachable on " + outside.getHostAddress());
            assertEquals("127.0.0.1:" + server.port(), server.address());
        }
        assertEquals(List.of(), warnings);
    }

    @Test
    void bindOpensThePortDeliberatelyAndWarnsWithoutTls() throws Exception {
        InetAddress outside = networkAddress().orElse(null);
        assumeTrue(outside != null, "this machine has no non-loopback IPv4 address to try");
        KeyGeneratorServer[] started = new KeyGeneratorServer[1];
        List<ILoggingEvent> warnings = warningsDuring(() ->
                started[0] = KeyGeneratorServer.start(0, new ServerSecurity("0.0.0.0", null, null, null)));
        try (KeyGeneratorServer server = started[0]) {
            assertTrue(connects(outside, server.port()), "reachable on " + outside.getHostAddress());
            assertEquals("127.0.0.1:" + server.port(), server.address(), "a client on this machine still uses loopback");
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).getFormattedMessage().contains("Key Generator listens on 0.0.0.0:" + server.port() + " WITHOUT TLS"),
                    warnings.get(0).getFormattedMessage());
        }
    }

    @Test
    void tlsSettingsThatCannotWorkAreRefusedBeforeAnythingStarts() {
        IllegalArgumentException onlyCert = assertThrows(IllegalArgumentException.class,
                () -> new ServerSecurity("127.0.0.1", java.nio.file.Path.of("server.pem"), null, null));
        assertTrue(onlyCert.getMessage().contains("got only the certificate"), onlyCert.getMessage());
        IllegalArgumentException caAlone = assertThrows(IllegalArgumentException.class,
                () -> new ServerSecurity("127.0.0.1", null, null, java.nio.file.Path.of("ca.pem")));
        assertTrue(caAlone.getMessage().contains("needs TLS"), caAlone.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> KeyGeneratorServer.start(0,
                new ServerSecurity("127.0.0.1", java.nio.file.Path.of("no-such.pem"), java.nio.file.Path.of("no-such.key"), null)));
        assertTrue(missing.getMessage().contains("cannot use TLS certificate no-such.pem with key no-such.key"), missing.getMessage());
    }
}
