package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.atlaskafka.inspect.DataFormatRegistry;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.iracing.events.Incident;
import io.slipstream.iracing.events.SessionFlag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.RowDataPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 end to end: {@code slipstream replay} of a CSV whose timestamps lie off any grid and of a real .ibt with
 * a yellow flag and an incident written into its rows, into the shared embedded stack; {@code inspect --check}
 * finds every rule holding, and Kafka read back holds the rows (every CSV time kept, to the nanosecond the file
 * gives) and the events (after the configuration that defines them, in time order).
 */
class RowsAndEventsEndToEndTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    @TempDir
    static Path dir;

    /** Row offsets of the irregular CSV, in milliseconds from its first row. */
    private static final List<Long> CSV_MS = new ArrayList<>();

    @BeforeAll
    static void files() throws IOException {
        Random random = new Random(12);
        StringBuilder csv = new StringBuilder("Time,Lat,Lon,GpsSpeed\ns,deg,deg,km/h\n");
        long ms = 0;
        for (int i = 0; i < 400; i++) {
            CSV_MS.add(ms);
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.6f,%.6f,%.1f%n", ms / 1000.0, 52.07 + i * 1e-5, -1.01 - i * 1e-5,
                    120.0 + i % 30));
            // Poisson times, mean 40 ms, whole milliseconds: an OBD or CAN log answering when it answers.
            ms += 1 + (long) (-Math.log(1 - random.nextDouble()) * 40);
        }
        Files.writeString(dir.resolve("irregular.csv"), csv);
    }

    private static List<LandedPacket> landed(String dataSource, String session) {
        return new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), dataSource, Map.of("Stream1", 1, "Stream2", 2)).stream()
                .filter(p -> p.packet() != null && (session.equals(p.key()) || p.key().isEmpty())).toList();
    }

    private static String replay(Path file, String dataSource, String... more) throws IOException {
        Path json = dir.resolve(dataSource + "-summary.json");
        List<String> args = new ArrayList<>(List.of("replay", file.toString(), "--data-source", dataSource, "--summary-json", json.toString()));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), args.toArray(String[]::new)));
        assertEquals(0, r.code(), r::toString);
        return SummaryJson.text(Files.readString(json), "sessionKey");
    }

    private static void assertCheckPasses(String dataSource, String session) {
        Cli.Result check = Cli.run("inspect", "--bootstrap", STACK.get().kafkaBootstrap(), "--data-source", dataSource,
                "--session", session, "--check");
        assertEquals(0, check.code(), check::toString);
        assertTrue(check.out().contains("check: every rule holds"), check::toString);
    }

    private static List<Packet> onStream1(List<LandedPacket> packets, String type) {
        return packets.stream().filter(p -> p.stream().equals("Stream1") && type.equals(p.packet().getType())).map(LandedPacket::packet)
                .toList();
    }

    @Test
    void anIrregularCsvLandsAsRowsWithEveryTimeKept() throws IOException {
        String session = replay(dir.resolve("irregular.csv"), "IrregularCsv");
        assertCheckPasses("IrregularCsv", session);

        List<LandedPacket> packets = landed("IrregularCsv", session);
        assertEquals(List.of(), onStream1(packets, "PeriodicData"), "no channel of an irregular log is forced onto a grid");
        List<Long> times = new ArrayList<>();
        for (Packet p : onStream1(packets, "RowData")) {
            RowDataPacket rows = RowDataPacket.parseFrom(p.getContent());
            assertEquals(rows.getTimestampsCount(), rows.getRowsCount());
            rows.getRowsList().forEach(r -> assertEquals(3, r.getDoubleSamples().getSamplesCount(), "Lat, Lon and speed share each row"));
            times.addAll(rows.getTimestampsList());
        }
        assertEquals(CSV_MS.size(), times.size(), "one row per distinct timestamp");
        for (int i = 0; i < times.size(); i++) {
            long offset = times.get(i) - times.get(0);
            assertTrue(Math.abs(offset - CSV_MS.get(i) * 1_000_000L) < 1_000, "row " + i + " at +" + offset + " ns; the file says +"
                    + CSV_MS.get(i) + " ms");
        }
    }

    @Test
    void anIbtWithAYellowFlagAndAnIncidentLandsAsEventsAfterTheirDefinitions() throws IOException {
        Path ibt = craftedIbt();
        String session = replay(ibt, "IbtEvents", "--fast");
        assertCheckPasses("IbtEvents", session);

        List<LandedPacket> packets = landed("IbtEvents", session);
        DataFormatRegistry formats = DataFormatRegistry.of(packets);
        List<String> defined = new ArrayList<>();
        for (Packet p : onStream1(packets, "Configuration")) {
            ConfigurationPacket.parseFrom(p.getContent()).getEventDefinitionsList().stream().map(EventDefinition::getIdentifier)
                    .forEach(defined::add);
        }
        String yellow = SessionFlag.YELLOW.event().definition().identifier();
        String incident = Incident.DEFINITION.identifier();
        assertTrue(defined.containsAll(List.of(yellow, incident)), "the configuration defines the events: " + defined);

        List<String> raised = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Double> incidentValues = new ArrayList<>();
        for (Packet p : onStream1(packets, "Event")) {
            EventPacket e = EventPacket.parseFrom(p.getContent());
            String id = e.getDataFormat().hasEventIdentifier() ? e.getDataFormat().getEventIdentifier()
                    : formats.event(e.getDataFormat().getDataFormatIdentifier()).orElseThrow();
            raised.add(id);
            times.add(e.getTimestamp());
            if (id.equals(incident)) {
                incidentValues.addAll(e.getRawValuesList());
            }
        }
        assertEquals(List.of(yellow, incident), raised.stream().filter(r -> r.equals(yellow) || r.equals(incident)).toList(),
                "the yellow flag (row 100) before the incident (row 250), each once");
        assertEquals(List.of(2.0, baseIncidents + 2.0), incidentValues, "the increase and the new total");
        assertEquals(times.stream().sorted().toList(), times, "events in time order");
    }

    private static int baseIncidents;

    /** The repository's real .ibt with the yellow flag on from row 100 and two incident points from row 250. */
    private static Path craftedIbt() throws IOException {
        byte[] bytes;
        try (InputStream in = RowsAndEventsEndToEndTest.class.getResourceAsStream("/ibt/teamjorge_valid_test_file.ibt")) {
            bytes = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int flags = varOffset(b, SessionFlag.VARIABLE);
        int incidents = varOffset(b, Incident.VARIABLE) >= 0 ? varOffset(b, Incident.VARIABLE) : varOffset(b, Incident.FALLBACK);
        assertTrue(flags >= 0 && incidents >= 0, "the real file has both variables");
        int bufLen = b.getInt(36);
        int firstRow = b.getInt(52);
        int rows = (bytes.length - firstRow) / bufLen;
        assertTrue(rows > 300, "rows: " + rows);
        baseIncidents = b.getInt(firstRow + incidents);
        long yellowBit = SessionFlag.YELLOW.event().bit();
        for (int r = 0; r < rows; r++) {
            int row = firstRow + r * bufLen;
            long f = Integer.toUnsignedLong(b.getInt(row + flags));
            b.putInt(row + flags, (int) (r >= 100 ? f | yellowBit : f & ~yellowBit));
            b.putInt(row + incidents, baseIncidents + (r >= 250 ? 2 : 0));
        }
        return Files.write(dir.resolve("yellow-and-incident.ibt"), bytes);
    }

    /** @return a variable's offset in a row, from the .ibt's var headers, or -1 */
    private static int varOffset(ByteBuffer b, String name) {
        for (int i = 0; i < b.getInt(24); i++) {
            int at = b.getInt(28) + i * 144;
            byte[] raw = new byte[32];
            b.get(at + 16, raw);
            if (new String(raw, StandardCharsets.ISO_8859_1).split("\0")[0].equals(name)) {
                return b.getInt(at + 4);
            }
        }
        return -1;
    }
}
