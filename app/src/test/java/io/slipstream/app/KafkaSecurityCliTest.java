package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Kafka security setting that is not valid stops {@code inspect} and {@code view} before they connect, naming it. */
class KafkaSecurityCliTest {

    @Test
    void inspectAndViewRefuseABadSecuritySettingAsAUsageError() {
        Map<String, String> env = Map.of("SLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "TLS");
        for (String command : new String[] {"inspect", "view"}) {
            Cli.Result r = Cli.run(env, command, "--bootstrap", "127.0.0.1:1");
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("environment variable SLIPSTREAM_KAFKA_SECURITY_PROTOCOL: \"TLS\" is not a security protocol"),
                    r::toString);
        }
    }
}
