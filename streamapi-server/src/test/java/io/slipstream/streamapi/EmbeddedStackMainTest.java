package io.slipstream.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmbeddedStackMainTest {

    @Test
    void optionsOverrideTheOfficialDefaults() {
        StackOptions o = EmbeddedStackMain.parse(new String[] {"--data-dir", "/tmp/x", "--kafka-port", "0", "--stream-api-port", "1234"});
        assertEquals(Path.of("/tmp/x"), o.dataDir());
        assertEquals(0, o.kafkaPort());
        assertEquals(1234, o.streamApiPort());
        assertEquals(15379, o.keyGeneratorPort());
        assertEquals(Map.of("Stream1", 1, "Stream2", 2), o.partitionMappings());
        assertEquals(null, o.externalBootstrap(), "our own broker unless --kafka names a cluster");
        assertEquals("k1:9092,k2:9092", EmbeddedStackMain.parse(new String[] {"--kafka", "k1:9092,k2:9092"}).externalBootstrap());
    }

    @Test
    void badOptionsNameTheOptionAndWhatIsExpected() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedStackMain.parse(new String[] {"--kafka-port", "nine"}));
        assertTrue(port.getMessage().contains("--kafka-port is \"nine\""), port.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedStackMain.parse(new String[] {"--colour", "red"}));
        assertTrue(unknown.getMessage().contains("unknown option --colour"), unknown.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> StackOptions.defaults().withStreamApiPort(70000));
        assertTrue(range.getMessage().contains("streamApiPort is 70000"), range.getMessage());
        IllegalArgumentException mapping = assertThrows(IllegalArgumentException.class,
                () -> StackOptions.defaults().withPartitionMappings(Map.of("Stream1", 0)));
        assertTrue(mapping.getMessage().contains("stream Stream1 maps to partition 0"), mapping.getMessage());
    }
}
