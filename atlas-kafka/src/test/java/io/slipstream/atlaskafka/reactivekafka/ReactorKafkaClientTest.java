package io.slipstream.atlaskafka.reactivekafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.client.KafkaSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The producer gets the connection's security settings and the caller's tuning, but always acks=all and idempotence. */
class ReactorKafkaClientTest {

    @Test
    void tuningCannotWeakenDurabilityAndTheSecuritySettingsArePassedOn() {
        KafkaSecurity security = KafkaSecurity.of(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/t.jks"));
        ReactorKafkaClient client = new ReactorKafkaClient(new KafkaConnection("k1:9092,k2:9092", security), "slipstream-test",
                Map.of("acks", "0", "enable.idempotence", false, "linger.ms", 5), 64);
        Map<String, Object> p = client.properties();
        assertEquals("all", p.get("acks"));
        assertEquals(true, p.get("enable.idempotence"));
        assertEquals(5, p.get("linger.ms"), "the caller's tuning");
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("/t.jks", p.get("ssl.truststore.location"));
        assertEquals("k1:9092,k2:9092", p.get("bootstrap.servers"));
        assertEquals("slipstream-test", p.get("client.id"));
    }

    @Test
    void inFlightMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReactorKafkaClient(KafkaConnection.plaintext("k:9092"), "x", Map.of(), 0));
        assertEquals("inFlight is 0, expected 1 or more", e.getMessage());
    }
}
