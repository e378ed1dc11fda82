package io.slipstream.view.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.view.ViewException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With no broker where it is pointed, the view says so, naming the address, instead of hanging. */
class KafkaPacketSourceTest {

    @Test
    void noBrokerAtTheAddressIsA503NamingIt() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        KafkaPacketSource source = new KafkaPacketSource("127.0.0.1:" + port, Map.of(), Duration.ofSeconds(2));

        ViewException e = assertThrows(ViewException.class, source::dataSources);

        assertEquals(503, e.status());
        assertTrue(e.getMessage().startsWith("cannot read from Kafka at 127.0.0.1:" + port + " within 2 s: "), e.getMessage());
        assertTrue(e.getMessage().contains("'slipstream serve' runs the embedded one"), e.getMessage());
        assertEquals(503, assertThrows(ViewException.class, () -> source.endOffsets("DS")).status());
    }
}
