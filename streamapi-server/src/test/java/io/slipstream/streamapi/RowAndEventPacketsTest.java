package io.slipstream.streamapi;

import static io.slipstream.streamapi.RowAndEventPackets.INCIDENT;
import static io.slipstream.streamapi.RowAndEventPackets.LAT;
import static io.slipstream.streamapi.RowAndEventPackets.LON;
import static io.slipstream.streamapi.RowAndEventPackets.YELLOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.Message;

import ma.streaming.api.v1.Connection;
import ma.streaming.api.v1.ConnectionDetails;
import ma.streaming.api.v1.CreateSessionRequest;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.api.v1.DataPacketRequest;
import ma.streaming.api.v1.EndSessionRequest;
import ma.streaming.api.v1.GetEventDataFormatIdRequest;
import ma.streaming.api.v1.GetEventRequest;
import ma.streaming.api.v1.GetParameterDataFormatIdRequest;
import ma.streaming.api.v1.GetParametersListRequest;
import ma.streaming.api.v1.NewConnectionRequest;
import ma.streaming.api.v1.PacketResponse;
import ma.streaming.api.v1.ReadEssentialsRequest;
import ma.streaming.api.v1.ReadEssentialsResponse;
import ma.streaming.api.v1.ReadPacketsRequest;
import ma.streaming.api.v1.ReadPacketsResponse;
import ma.streaming.api.v1.WriteDataPacketsRequest;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Row ({@code RowDataPacket}) and event ({@code EventPacket}) packets go through the embedded stack like any
 * other: written by the unary and the client-streaming writer, stored on Kafka byte for byte, served by
 * ReadPackets, selected by ReadDataPackets (rows by parameter, events by event identifier, whether the packet
 * names its format by data-format id or by identifiers), and a split configuration carrying the
 * {@code EventDefinition}s comes back from ReadEssentials. One session is written once for the class.
 */
class RowAndEventPacketsTest {

    private static final String DS = "Rows";
    private static final String STREAM = "Stream1";
    private static final long T0 = 1_763_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final Duration READ_TIMEOUT = StackClient.READ_TIMEOUT;
    private static final Duration QUIET = StackClient.QUIET;

    @TempDir
    static Path dir;

    private static EmbeddedStack stack;
    private static StackClient client;
    private static String sessionKey;
    private static long rowFormat;
    private static long incidentFormat;
    private static long nextId = 1;
    private static final List<Packet> sentToStream1 = new ArrayList<>();
    private static final List<Packet> sentToMain = new ArrayList<>();
    private static final List<Packet> sentEssential = new ArrayList<>();
    private static final List<Packet> rowPackets = new ArrayList<>();
    private static final List<Packet> incidentPackets = new ArrayList<>();
    private static final List<Packet> eventPackets = new ArrayList<>();

    @BeforeAll
    static void writeARowAndEventSession() {
        stack = EmbeddedStack.start(StackOptions.ephemeral(dir));
        client = new StackClient(stack.streamApiAddress(), stack.keyGeneratorAddress());
        sessionKey = client.sessions.createSession(CreateSessionRequest.newBuilder().setDataSource(DS).setIdentifier("rows and events").build())
                .getSessionKey();
        both(NewSessionPacket.newBuilder().setDataSource(DS).build(), false);

        // The configuration split in two parts as a very large one would be: parameters, then event definitions.
        ConfigurationPacket whole = RowAndEventPackets.configuration("cfg-rows-1");
        both(whole.toBuilder().clearEventDefinitions().setPartialPacket(true).setPacketNumber(1).setTotalPacketNumber(2).build(), true);
        both(whole.toBuilder().clearParameterDefinitions().clearGroupDefinitions().setPartialPacket(true).setPacketNumber(2)
                .setTotalPacketNumber(2).build(), true);

        rowFormat = client.formats.getParameterDataFormatId(GetParameterDataFormatIdRequest.newBuilder().setDataSource(DS)
                .addParameters(LAT).addParameters(LON).build()).getDataFormatIdentifier();
        incidentFormat = client.formats.getEventDataFormatId(GetEventDataFormatIdRequest.newBuilder().setDataSource(DS)
                .setEvent(INCIDENT).build()).getDataFormatIdentifier();

        // Unary writes: rows off any grid, an event by id, rows naming their parameters, an event by identifier.
        rowPackets.add(unary(RowAndEventPackets.rows(rowFormat, T0, T0 + 13 * MS, T0 + 41 * MS)));
        incidentPackets.add(unary(RowAndEventPackets.eventById(incidentFormat, T0 + 20 * MS, 2, 2)));
        rowPackets.add(unary(RowAndEventPackets.rowsNamed(T0 + 50 * MS, T0 + 77 * MS)));
        eventPackets.add(unary(RowAndEventPackets.eventByName(YELLOW, T0 + 60 * MS)));
        unary(MarkerPacket.newBuilder().setTimestamp(T0 + 70 * MS).setLabel("Lap 1").setType("Lap Trigger").build());

        // The client-streaming writer, as the sink uses it.
        List<Packet> streamed = List.of(
                RowAndEventPackets.packet(sessionKey, nextId++, RowAndEventPackets.rows(rowFormat, T0 + 90 * MS, T0 + 91 * MS), false),
                RowAndEventPackets.packet(sessionKey, nextId++, RowAndEventPackets.eventByName(INCIDENT, T0 + 95 * MS, 4, 6), false),
                RowAndEventPackets.packet(sessionKey, nextId++, RowAndEventPackets.eventById(incidentFormat, T0 + 99 * MS, 1, 7), false));
        WriteDataPacketsRequest.Builder request = WriteDataPacketsRequest.newBuilder();
        streamed.forEach(p -> request.addDetails(DataPacketDetails.newBuilder().setDataSource(DS).setStream(STREAM).setSessionKey(sessionKey).setMessage(p)));
        client.reactiveWriter.writeDataPackets(Flux.just(request.build())).block(READ_TIMEOUT);
        sentToStream1.addAll(streamed);
        rowPackets.add(streamed.get(0));
        incidentPackets.addAll(streamed.subList(1, 3));

        eventPackets.addAll(incidentPackets);
        both(EndOfSessionPacket.newBuilder().setDataSource(DS).build(), false);
        client.sessions.endSession(EndSessionRequest.newBuilder().setDataSource(DS).setSessionKey(sessionKey).build());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static void both(Message content, boolean essential) {
        Packet p = RowAndEventPackets.packet(sessionKey, nextId++, content, essential);
        for (String stream : List.of(STREAM, "")) {
            client.write(DS, stream, sessionKey, p);
            (stream.isEmpty() ? sentToMain : sentToStream1).add(p);
            if (essential) {
                sentEssential.add(p);
            }
        }
    }

    private static Packet unary(Message content) {
        Packet p = RowAndEventPackets.packet(sessionKey, nextId++, content, false);
        client.write(DS, STREAM, sessionKey, p);
        sentToStream1.add(p);
        return p;
    }

    @Test
    void kafkaHoldsRowAndEventPacketsByteForByteInOrder() {
        List<ConsumerRecord<String, byte[]>> records = StackClient.readKafka(stack.kafkaBootstrap(), new TopicPartition(DS, 1), 0);
        assertEquals(sentToStream1.size(), records.size(), "record count on Stream1");
        for (int i = 0; i < records.size(); i++) {
            assertEquals(sessionKey, records.get(i).key());
            assertArrayEquals(sentToStream1.get(i).toByteArray(), records.get(i).value(), "record " + i + " is the serialised Packet");
        }
        assertEquals(List.of("NewSession", "Configuration", "Configuration", "RowData", "Event", "RowData", "Event", "Marker",
                "RowData", "Event", "Event", "EndOfSession"), records.stream().map(r -> parse(r.value()).getType()).toList());
        assertEquals(0, stack.streamApi().packetsFailed());
    }

    @Test
    void readPacketsServesEveryRowAndEventPacketOfTheSession() {
        long connection = connect(ConnectionDetails.newBuilder().setDataSource(DS).setSessionKey(sessionKey).addStreams(STREAM)
                .addStreamOffsets(0).setMainOffset(0));
        int expected = sentToStream1.size() + sentToMain.size();
        List<PacketResponse> read = client.reader.readPackets(ReadPacketsRequest.newBuilder()
                        .setConnection(Connection.newBuilder().setId(connection)).build())
                .flatMapIterable(ReadPacketsResponse::getResponseList)
                .take(expected + 1)
                .timeout(Mono.delay(READ_TIMEOUT), item -> Mono.delay(QUIET), Flux.empty())
                .collectList()
                .block(READ_TIMEOUT.plusSeconds(5));
        assertEquals(sentToStream1, read.stream().filter(r -> r.getStream().equals(STREAM)).map(PacketResponse::getPacket).toList());
        assertEquals(sentToMain, read.stream().filter(r -> r.getStream().isEmpty()).map(PacketResponse::getPacket).toList());
    }

    @Test
    void readDataPacketsSelectsRowsByParameterWhetherNamedOrById() {
        long connection = dataConnection();
        assertEquals(rowPackets, client.readData(connection, DataPacketRequest.newBuilder().addIncludeParameters("^Lat:").addExcludeEvents("."),
                rowPackets.size()));
        assertEquals(List.of("Marker"), client.readData(connection, DataPacketRequest.newBuilder().addIncludeParameters("^Speed:")
                        .addExcludeEvents(".").setIncludeMarkers(true), 1).stream().map(Packet::getType).toList(),
                "no row parameter matches: only the marker asked for");
    }

    @Test
    void readDataPacketsSelectsEventsByIdentifierWhetherNamedOrById() {
        long connection = dataConnection();
        assertEquals(incidentPackets, client.readData(connection, DataPacketRequest.newBuilder().addIncludeEvents("^Incident:").addExcludeParameters("."),
                incidentPackets.size()));
        List<Packet> events = client.readData(connection, DataPacketRequest.newBuilder().addExcludeParameters("."), eventPackets.size());
        assertEquals(eventPackets.stream().map(Packet::getId).sorted().toList(), events.stream().map(Packet::getId).toList(),
                "every event, the yellow flag by its identifier included, in the order written");
        List<Packet> everything = client.readData(connection, DataPacketRequest.newBuilder().setIncludeMarkers(true), 8);
        assertEquals(List.of("RowData", "Event", "RowData", "Event", "Marker", "RowData", "Event", "Event"),
                everything.stream().map(Packet::getType).toList(), "no session or configuration packets, markers when asked");
    }

    @Test
    void readEssentialsServesTheSplitConfigurationWithItsEventDefinitions() throws Exception {
        long connection = connect(ConnectionDetails.newBuilder().setDataSource(DS).setSessionKey(sessionKey).setEssentialsOffset(0));
        List<Packet> essentials = client.reader.readEssentials(ReadEssentialsRequest.newBuilder()
                        .setConnection(Connection.newBuilder().setId(connection)).build())
                .flatMapIterable(ReadEssentialsResponse::getResponseList)
                .map(PacketResponse::getPacket)
                .collectList()
                .block(READ_TIMEOUT);
        assertEquals(sentEssential, essentials);
        ConfigurationPacket second = ConfigurationPacket.parseFrom(essentials.get(essentials.size() - 1).getContent());
        assertEquals(List.of(INCIDENT, YELLOW), second.getEventDefinitionsList().stream().map(d -> d.getIdentifier()).toList());
        assertEquals(2, second.getPacketNumber());
        assertEquals(2, second.getTotalPacketNumber());
    }

    @Test
    void rowAndEventDataFormatsResolveBothWays() {
        assertNotEquals(0L, rowFormat);
        assertNotEquals(rowFormat, incidentFormat);
        assertEquals(List.of(LAT, LON), client.formats.getParametersList(GetParametersListRequest.newBuilder().setDataSource(DS)
                .setDataFormatIdentifier(rowFormat).build()).getParametersList());
        assertEquals(INCIDENT, client.formats.getEvent(GetEventRequest.newBuilder().setDataSource(DS).setDataFormatIdentifier(incidentFormat)
                .build()).getEvent());
        assertEquals(incidentFormat, client.formats.getEventDataFormatId(GetEventDataFormatIdRequest.newBuilder().setDataSource(DS)
                .setEvent(INCIDENT).build()).getDataFormatIdentifier(), "the same event keeps its id");
    }

    private static long dataConnection() {
        return connect(ConnectionDetails.newBuilder().setDataSource(DS).setSessionKey(sessionKey).addStreams(STREAM).addStreamOffsets(0)
                .setExcludeMainStream(true));
    }

    private static long connect(ConnectionDetails.Builder details) {
        return client.connections.newConnection(NewConnectionRequest.newBuilder().setDetails(details).build()).getConnection().getId();
    }

    private static Packet parse(byte[] value) {
        try {
            return Packet.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
