package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataFormatManagerServiceGrpc;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.PacketWriterServiceGrpc;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import ma.streaming.api.v1.WriteDataPacketRequest;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.GroupDefinition;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SampleRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code slipstream inspect} on row and event packets written through the shared embedded stack's Stream API:
 * the text and {@code --json} lines name rows' count, times and parameters and events' identifier, time and
 * values; {@code --check} passes the clean session and names each broken row and event rule of the bad one.
 */
class InspectRowsAndEventsTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    private static final String DS = "InspectRows";
    /** 2025-11-13T02:13:20Z. */
    private static final long T0 = 1_763_000_000_000_000_000L;
    private static final long MS = 1_000_000L;

    private static ManagedChannel channel;
    private static String good;
    private static String bad;

    @BeforeAll
    static void writeTwoSessions() {
        channel = ManagedChannelBuilder.forTarget(STACK.get().streamApiAddress()).usePlaintext().build();
        var formats = DataFormatManagerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        long rows = formats.getParameterDataFormatId(GetParameterDataFormatIdRequest.newBuilder().setDataSource(DS)
                .addParameters("Lat:GPS").addParameters("Lon:GPS").build()).getDataFormatIdentifier();
        long incident = formats.getEventDataFormatId(GetEventDataFormatIdRequest.newBuilder().setDataSource(DS)
                .setEvent("Incident:iRacing").build()).getDataFormatIdentifier();

        good = write("good", rowPacket(rows, 2, T0, T0 + 13 * MS, T0 + 41 * MS), eventPacket(incident, T0 + 20 * MS, 2, 2));
        bad = write("bad", rowPacket(rows, 2, T0 + 50 * MS, T0 + 45 * MS), rowPacket(rows, 1, T0 + 60 * MS),
                EventPacket.newBuilder().setDataFormat(EventDataFormat.newBuilder().setEventIdentifier("Debris:iRacing"))
                        .setTimestamp(T0 + 70 * MS).build());
    }

    @AfterAll
    static void close() {
        channel.shutdownNow();
    }

    /** One session: NewSession and the configuration on both streams, the data on Stream1, EndOfSession on both. */
    private static String write(String identifier, Message... data) {
        var sessions = SessionManagementServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        String key = sessions.createSession(CreateSessionRequest.newBuilder().setDataSource(DS).setIdentifier(identifier).build())
                .getSessionKey();
        ConfigurationPacket config = ConfigurationPacket.newBuilder().setConfigId("cfg-" + key)
                .addGroupDefinitions(GroupDefinition.newBuilder().setIdentifier("GPS"))
                .addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier("Lat:GPS").setIncludesRowData(true))
                .addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier("Lon:GPS").setIncludesRowData(true))
                .addEventDefinitions(EventDefinition.newBuilder().setIdentifier("Incident:iRacing").setName("Incident")).build();
        List<Message> both = List.of(NewSessionPacket.newBuilder().setDataSource(DS).build(), config);
        long id = 1;
        for (Message m : both) {
            send(key, "Stream1", packet(key, id, m));
            send(key, "", packet(key, id++, m));
        }
        for (Message m : data) {
            send(key, "Stream1", packet(key, id++, m));
        }
        Message end = EndOfSessionPacket.newBuilder().setDataSource(DS).build();
        send(key, "Stream1", packet(key, id, end));
        send(key, "", packet(key, id, end));
        sessions.endSession(EndSessionRequest.newBuilder().setDataSource(DS).setSessionKey(key).build());
        return key;
    }

    private static void send(String key, String stream, Packet p) {
        PacketWriterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).writeDataPacket(WriteDataPacketRequest
                .newBuilder().setDetail(DataPacketDetails.newBuilder().setDataSource(DS).setStream(stream).setSessionKey(key).setMessage(p))
                .build());
    }

    private static Packet packet(String key, long id, Message content) {
        String name = content.getDescriptorForType().getName();
        return Packet.newBuilder().setType(name.substring(0, name.length() - "Packet".length())).setSessionKey(key).setId(id)
                .setContent(content.toByteString()).build();
    }

    private static RowDataPacket rowPacket(long format, int width, long... times) {
        RowDataPacket.Builder b = RowDataPacket.newBuilder().setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(format));
        for (long t : times) {
            DoubleSampleList.Builder row = DoubleSampleList.newBuilder();
            for (int v = 0; v < width; v++) {
                row.addSamples(DoubleSample.newBuilder().setValue(52 + v));
            }
            b.addTimestamps(t).addRows(SampleRow.newBuilder().setDoubleSamples(row));
        }
        return b.build();
    }

    private static EventPacket eventPacket(long format, long time, double... values) {
        EventPacket.Builder b = EventPacket.newBuilder().setDataFormat(EventDataFormat.newBuilder().setDataFormatIdentifier(format))
                .setTimestamp(time);
        for (double v : values) {
            b.addRawValues(v);
        }
        return b.build();
    }

    private static Cli.Result inspect(String session, String... more) {
        List<String> args = new ArrayList<>(List.of("inspect", "--bootstrap", STACK.get().kafkaBootstrap(), "--data-source", DS,
                "--session", session));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void textNamesTheRowsParametersAndTheEventById() {
        Cli.Result r = inspect(good);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains(" RowData session=" + good + " dataFormat="), r::toString);
        assertTrue(r.out().contains(" rows=3 from=2025-11-13T02:13:20Z to=2025-11-13T02:13:20.041Z parameters=[Lat:GPS, Lon:GPS]"
                + System.lineSeparator()), r::toString);
        assertTrue(r.out().contains(" event=Incident:iRacing time=2025-11-13T02:13:20.020Z values=[2.0, 2.0]" + System.lineSeparator()),
                r::toString);
        assertTrue(r.out().contains(" Configuration session=" + good + " configId=cfg-" + good + " parameters=2 events=1 groups=1"),
                r::toString);
    }

    @Test
    void jsonCarriesTheSameFields() throws IOException {
        Cli.Result r = inspect(good, "--json");
        assertEquals(0, r.code(), r::toString);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().lines().filter(l -> l.startsWith("{")).toList()) {
            lines.add(mapper.readTree(line));
        }
        JsonNode rows = lines.stream().filter(n -> n.get("type").asText().equals("RowData")).findFirst().orElseThrow();
        assertEquals("Stream1", rows.get("stream").asText());
        assertEquals(3, rows.get("summary").get("rows").asInt());
        assertEquals("2025-11-13T02:13:20.041Z", rows.get("summary").get("to").asText());
        assertEquals("[\"Lat:GPS\",\"Lon:GPS\"]", rows.get("summary").get("parameters").toString());
        JsonNode event = lines.stream().filter(n -> n.get("type").asText().equals("Event")).findFirst().orElseThrow();
        assertEquals("Incident:iRacing", event.get("summary").get("event").asText());
        assertEquals("2025-11-13T02:13:20.020Z", event.get("summary").get("time").asText());
        assertEquals("[2.0,2.0]", event.get("summary").get("values").toString());
    }

    @Test
    void checkPassesTheCleanSessionAndNamesEachBrokenRuleOfTheBadOne() {
        Cli.Result ok = inspect(good, "--check");
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("check: every rule holds on 8 packet(s)"), ok::toString);

        Cli.Result r = inspect(bad, "--check");
        assertEquals(1, r.code(), r::toString);
        List<String> violations = r.err().lines().filter(l -> l.startsWith("VIOLATION ")).toList();
        assertEquals(3, violations.size(), r::toString);
        assertTrue(violations.get(0).startsWith("VIOLATION rows: times never go backwards: stream 'Stream1' offset "), r::toString);
        assertTrue(violations.get(0).contains(" packet id 3: session " + bad + ": row 1 at 2025-11-13T02:13:20.045Z"), r::toString);
        assertTrue(violations.get(1).contains("rows: one timestamp per row, one value per parameter: stream 'Stream1'"), r::toString);
        assertTrue(violations.get(1).contains(" packet id 4: session " + bad + ": row 0 at 2025-11-13T02:13:20.060Z (1763000000060000000 ns) "
                + "has 1 values for 2 parameters [Lat:GPS, Lon:GPS]; expected one value per parameter"), r::toString);
        assertTrue(violations.get(2).contains("events: defined by an earlier configuration: stream 'Stream1'"), r::toString);
        assertTrue(violations.get(2).contains(" packet id 5: session " + bad + ": event 'Debris:iRacing' at 2025-11-13T02:13:20.070Z"),
                r::toString);
        assertTrue(r.err().contains("check: 3 violation(s)"), r::toString);
    }
}
