package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.streamapi.KafkaBroker;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipstream serve --kafka} in front of a Kafka that is already running: it starts no broker of its own
 * (nothing is written under its data folder), says which Kafka it serves, and a replay through it lands on that
 * Kafka with every packet read back.
 */
class ServeOnClusterTest {

    private static final Pattern SERVING = Pattern.compile("Serving: kafka=(\\S+) stream-api=(\\S+) key-generator=(\\S+) ");
    private static final String DATA_SOURCE = "ServeOnCluster";

    @TempDir
    static Path dir;

    private static KafkaBroker cluster;

    @BeforeAll
    static void startCluster() {
        cluster = KafkaBroker.start(dir.resolve("existing-kafka"), 0);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void serveWritesToTheGivenKafkaAndStartsNoBrokerOfItsOwn() throws Exception {
        Path dataDir = dir.resolve("serve-data");
        Cli.Background serve = Cli.start("serve", "--kafka", cluster.bootstrapServers(), "--data-dir", dataDir.toString(),
                "--stream-api-port", "0", "--key-generator-port", "0", "--duration", "10m");
        serve.awaitUntil("the 'Serving:' line", Duration.ofSeconds(90), () -> SERVING.matcher(serve.out()).find());
        Matcher m = SERVING.matcher(serve.out());
        assertTrue(m.find());
        assertEquals(cluster.bootstrapServers(), m.group(1));
        assertTrue(serve.out().contains("Kafka PLAINTEXT"), serve.out());

        Path csv = dir.resolve("stint.csv");
        try (InputStream in = ServeOnClusterTest.class.getResourceAsStream("/replay/stint.csv")) {
            Files.copy(in, csv);
        }
        Cli.Result replay = Cli.run("replay", csv.toString(), "--data-source", DATA_SOURCE, "--stream-api", m.group(2),
                "--key-generator", m.group(3), "--kafka", cluster.bootstrapServers(), "--summary-json", dir.resolve("s.json").toString(),
                "--plugins", dir.resolve("no-plugins").toString());
        assertEquals(0, replay.code(), replay::toString);
        String session = SummaryJson.text(Files.readString(dir.resolve("s.json")), "sessionKey");

        serve.requestStop();
        Cli.Result stopped = serve.await(Duration.ofSeconds(60));
        assertEquals(0, stopped.code(), stopped::toString);

        List<LandedPacket> landed = new KafkaPacketReader().readAll(cluster.bootstrapServers(), DATA_SOURCE, Map.of("Stream1", 1, "Stream2", 2));
        long ofSession = landed.stream().filter(p -> p.packet() != null && session.equals(p.packet().getSessionKey())).count();
        assertTrue(ofSession > 0, "the session's packets are on the given Kafka: " + landed.size() + " landed");
        assertFalse(Files.exists(dataDir.resolve("kafka")), "no broker was started in " + dataDir);
    }
}
