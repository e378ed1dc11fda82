package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect --follow} against the shared embedded stack: it prints what is on Kafka, then keeps printing
 * packets of a session written after it started until it is stopped; {@code --max-packets} and
 * {@code --duration} end it by themselves; a data source that does not exist is a failure, not a silent wait.
 */
class InspectFollowTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final String DATA_SOURCE = "FollowTest";
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path csv;
    private static String first;

    @BeforeAll
    static void aSessionIsAlreadyThere() throws IOException {
        csv = dir.resolve("stint.csv");
        try (InputStream in = InspectFollowTest.class.getResourceAsStream("/replay/stint.csv")) {
            Files.copy(in, csv);
        }
        first = replay("first.json");
    }

    private static String replay(String summaryName) throws IOException {
        Path json = dir.resolve(summaryName);
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "replay", csv.toString(), "--data-source", DATA_SOURCE,
                "--summary-json", json.toString()));
        assertEquals(0, r.code(), r::toString);
        return SummaryJson.text(Files.readString(json), "sessionKey");
    }

    private static List<LandedPacket> landed() {
        return new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), DATA_SOURCE, Map.of("Stream1", 1, "Stream2", 2));
    }

    /** @return how the text output names a packet: {@code topic/partition@offset id=} */
    private static String printed(LandedPacket p) {
        return " " + p.topic() + "/" + p.partition() + "@" + p.offset() + " id=";
    }

    private static boolean printedAll(String out, List<LandedPacket> packets) {
        return packets.stream().allMatch(p -> out.contains(printed(p)));
    }

    private static long packetLines(String out) {
        return out.lines().filter(l -> l.contains(" id=")).count();
    }

    private static Cli.Background follow(String... more) {
        String[] base = {"inspect", "--follow", "--bootstrap", STACK.get().kafkaBootstrap(), "--data-source", DATA_SOURCE};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.start(all);
    }

    @Test
    void followPrintsThePacketsOfASessionWrittenAfterItStartedUntilStopped() throws IOException {
        List<LandedPacket> there = landed();
        Cli.Background follow = follow();
        follow.awaitUntil("the " + there.size() + " packets already on Kafka", BOUND, () -> printedAll(follow.out(), there));

        String later = replay("later.json");
        List<LandedPacket> all = landed();
        List<LandedPacket> ofLater = all.stream()
                .filter(p -> later.equals(p.key()) || (p.packet() != null && later.equals(p.packet().getSessionKey()))).toList();
        List<LandedPacket> ofFirst = all.stream()
                .filter(p -> first.equals(p.key()) || (p.packet() != null && first.equals(p.packet().getSessionKey()))).toList();
        assertEquals(ofFirst.size(), ofLater.size(), "the same file replayed twice lands as many packets");
        assertTrue(ofLater.stream().anyMatch(p -> p.packet() != null && "PeriodicData".equals(p.packet().getType())),
                ofLater::toString);
        follow.awaitUntil("every packet of session " + later, BOUND, () -> printedAll(follow.out(), ofLater));
        assertTrue(follow.out().contains(" PeriodicData session=" + later + " "), follow::out);

        follow.requestStop();
        Cli.Result r = follow.await(BOUND);
        assertEquals(0, r.code(), r::toString);
        assertEquals(all.size(), packetLines(r.out()), "every packet once, nothing else: " + r);
        assertTrue(r.out().contains(all.size() + " packet(s) followed from " + STACK.get().kafkaBootstrap()
                + " for data source '" + DATA_SOURCE + "'"), r::toString);
    }

    @Test
    void maxPacketsAndDurationEndAFollowByThemselves() {
        Cli.Result three = follow("--max-packets", "3").await(BOUND);
        assertEquals(0, three.code(), three::toString);
        assertEquals(3, packetLines(three.out()), three::toString);
        assertTrue(three.out().contains("3 packet(s) followed"), three::toString);

        // Neither a packet limit nor a stop: only --duration can end this follow with exit 0 and its summary line.
        Cli.Result timed = follow("--duration", "1s").await(BOUND);
        assertEquals(0, timed.code(), timed::toString);
        Matcher m = Pattern.compile("(?m)^(\\d+) packet\\(s\\) followed from "
                + Pattern.quote(STACK.get().kafkaBootstrap()) + " for data source '" + DATA_SOURCE + "'$")
                .matcher(timed.out());
        assertTrue(m.find(), timed::toString);
        long followed = Long.parseLong(m.group(1));
        assertEquals(followed, packetLines(timed.out()), timed::toString);
        assertTrue(followed <= landed().size(), timed::toString);
    }

    @Test
    void followingADataSourceThatDoesNotExistFailsSayingSo() {
        Cli.Result r = Cli.start("inspect", "--follow", "--bootstrap", STACK.get().kafkaBootstrap(), "--data-source", "NoSuchSource")
                .await(BOUND);
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("error: following data source 'NoSuchSource' on " + STACK.get().kafkaBootstrap()
                + " failed after 0 packet(s): data source NoSuchSource has no topics"), r::toString);
    }

    @Test
    void boundsWithoutFollowAreAUsageError() {
        Cli.Result r = Cli.run("inspect", "--bootstrap", STACK.get().kafkaBootstrap(), "--max-packets", "3");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--duration and --max-packets bound a --follow"), r::toString);
        Cli.Result zero = Cli.run("inspect", "--follow", "--bootstrap", STACK.get().kafkaBootstrap(), "--max-packets", "0");
        assertEquals(2, zero.code(), zero::toString);
    }
}
