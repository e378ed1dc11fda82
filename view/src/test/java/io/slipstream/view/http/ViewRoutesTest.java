package io.slipstream.view.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.slipstream.view.ListPacketSource;
import io.slipstream.view.ViewService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.DataFormatType;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.DoubleSampleList;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.ParameterList;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SessionInfoPacket;
import ma.streaming.open_data.v1.StringSample;
import ma.streaming.open_data.v1.StringSampleList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JSON endpoints over a real Javalin server on a loopback port, fed from records built here. */
class ViewRoutesTest {

    private static final long T0 = 1_764_633_600_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private ViewService service;
    private ViewRoutes routes;
    private Javalin server;

    private String start(ListPacketSource source) {
        service = new ViewService(source, Duration.ofSeconds(10));
        routes = new ViewRoutes(service);
        server = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            routes.routes(c);
        }).start("127.0.0.1", 0);
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            routes.close();
            service.close();
        }
    }

    /** A session "lap.ibt" with Speed (km/h) at 100 Hz for 1 s holding one spike, a Gear of strings, a marker, ended. */
    static ListPacketSource oneEndedSession() {
        double[] speed = new double[100];
        speed[37] = 250;
        return new ListPacketSource("DS")
                .append("", 0, DataFormatDefinitionPacket.newBuilder().setIdentifier(7).setType(DataFormatType.DATA_FORMAT_TYPE_PARAMETER)
                        .setParameterIdentifiers(ParameterList.newBuilder().addParameterIdentifiers("Speed:iRacing")).build())
                .append("S1", 1, NewSessionPacket.newBuilder().setDataSource("DS").setSessionInfo(SessionInfoPacket.newBuilder()
                        .setIdentifier("lap.ibt").setType("Replay")).build())
                .append("S1", 2, ConfigurationPacket.newBuilder().setConfigId("c1")
                        .addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier("Speed:iRacing").setName("Speed")
                                .setUnits("km/h").setDescription("ground speed"))
                        .addParameterDefinitions(ParameterDefinition.newBuilder().setIdentifier("Gear:iRacing").setName("Gear")
                                .setUnits("")).build())
                .append("S1", 3, periodic(T0, 10 * MS, speed).setDataFormat(SampleDataFormat.newBuilder().setDataFormatIdentifier(7)).build())
                .append("S1", 4, PeriodicDataPacket.newBuilder().setStartTime(T0).setInterval(10_000_000)
                        .setDataFormat(SampleDataFormat.newBuilder().setParameterIdentifiers(ParameterList.newBuilder()
                                .addParameterIdentifiers("Gear:iRacing")))
                        .addColumns(SampleColumn.newBuilder().setStringSamples(StringSampleList.newBuilder()
                                .addSamples(StringSample.newBuilder().setValue("N")).addSamples(StringSample.newBuilder().setValue("1")))).build())
                .append("S1", 5, MarkerPacket.newBuilder().setTimestamp(T0 + 500 * MS).setLabel("Out Lap").setType("Out Lap").build())
                .append("S1", 6, ConfigurationPacket.newBuilder().setConfigId("c2").addEventDefinitions(EventDefinition.newBuilder()
                        .setIdentifier("Flag:iRacing").setName("Yellow flag")).build())
                .append("S1", 7, EventPacket.newBuilder().setTimestamp(T0 + 600 * MS).addRawValues(2)
                        .setDataFormat(EventDataFormat.newBuilder().setEventIdentifier("Flag:iRacing")).build())
                .append("S1", 8, EndOfSessionPacket.newBuilder().setDataSource("DS").build());
    }

    static PeriodicDataPacket.Builder periodic(long start, long interval, double[] values) {
        DoubleSampleList.Builder list = DoubleSampleList.newBuilder();
        for (double v : values) {
            list.addSamples(DoubleSample.newBuilder().setValue(v));
        }
        return PeriodicDataPacket.newBuilder().setStartTime(start).setInterval((int) interval)
                .addColumns(SampleColumn.newBuilder().setDoubleSamples(list));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = get(url);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void sessionsListTheirIdentityTimesCountsAndTheCheckersVerdict() throws Exception {
        String base = start(oneEndedSession());

        assertEquals("[\"DS\"]", json(base + "/api/datasources").get("dataSources").toString());
        JsonNode sessions = json(base + "/api/datasources/DS/sessions");
        assertTrue(sessions.get("complete").asBoolean());
        assertEquals(1, sessions.get("sessions").size());
        JsonNode s = sessions.get("sessions").get(0);
        assertEquals("S1", s.get("key").asText());
        assertEquals("lap.ibt", s.get("identifier").asText());
        assertEquals("Replay", s.get("type").asText());
        assertEquals(1_764_633_600.0, s.get("start").asDouble());
        assertEquals("2025-12-02T00:00:00Z", s.get("startText").asText());
        assertEquals(0.99, s.get("durationSeconds").asDouble(), 1e-9);
        assertEquals(false, s.get("live").asBoolean());
        assertEquals(2, s.get("channels").asInt());
        assertEquals(8, s.get("packets").asInt());
        assertEquals(2, s.get("notShown").get("string samples (not plotted)").asInt(), "strings are counted, not drawn");
        // The hand-built session has no data on a stream of its own, so the checker has something to say.
        assertEquals("violations", s.get("verdict").asText());
        JsonNode v = json(base + "/api/datasources/DS/sessions/S1/violations");
        assertEquals(s.get("violations").asInt(), v.get("violations").size());
        assertTrue(v.get("violations").get(0).get("rule").asText().startsWith("rule "), v.toString());
    }

    @Test
    void channelsComeWithUnitsAndASearch() throws Exception {
        String base = start(oneEndedSession());

        JsonNode all = json(base + "/api/datasources/DS/sessions/S1/channels").get("channels");
        assertEquals(2, all.size());
        assertEquals("Speed:iRacing", all.get(0).get("id").asText());
        assertEquals("km/h", all.get(0).get("units").asText());
        assertEquals(100, all.get(0).get("samples").asInt());
        JsonNode found = json(base + "/api/datasources/DS/sessions/S1/channels?search=GROUND").get("channels");
        assertEquals(1, found.size());
        assertEquals("Speed", found.get(0).get("name").asText());
    }

    @Test
    void aSeriesIsReducedToTheWidthAskedForAndKeepsItsSpike() throws Exception {
        String base = start(oneEndedSession());

        JsonNode s = json(base + "/api/datasources/DS/sessions/S1/series?channel=Speed:iRacing&width=10");
        assertEquals("km/h", s.get("units").asText());
        assertEquals(100, s.get("samples").asInt());
        assertEquals(false, s.get("raw").asBoolean());
        assertEquals(10, s.get("t").size());
        assertEquals(250, s.get("max").get(3).asDouble(), "sample 37 of 100 is in bucket 3 of 10");
        assertEquals(0, s.get("min").get(3).asDouble());
        JsonNode zoom = json(base + "/api/datasources/DS/sessions/S1/series?channel=Speed:iRacing&from=1764633600.3&to=1764633600.4");
        assertEquals(10, zoom.get("samples").asInt());
        assertEquals(true, zoom.get("raw").asBoolean());
        assertEquals(1_764_633_600.37, zoom.get("t").get(7).asDouble(), 1e-6);
    }

    @Test
    void markersAndEventsAreListedWithTheirLabels() throws Exception {
        String base = start(oneEndedSession());

        JsonNode m = json(base + "/api/datasources/DS/sessions/S1/marks");
        assertEquals(1, m.get("markers").size());
        assertEquals("Out Lap", m.get("markers").get(0).get("label").asText());
        assertEquals(1_764_633_600.5, m.get("markers").get(0).get("time").asDouble());
        assertEquals(1, m.get("events").size());
        JsonNode e = m.get("events").get(0);
        assertEquals("Yellow flag", e.get("name").asText(), "named by its definition");
        assertEquals("Flag:iRacing", e.get("identifier").asText());
        assertEquals(1_764_633_600.6, e.get("time").asDouble());
        assertEquals("[2.0]", e.get("values").toString());
    }

    @Test
    void badRequestsNameTheParameterAndWhatIsExpected() throws Exception {
        String base = start(oneEndedSession());
        String session = base + "/api/datasources/DS/sessions/S1";

        assertError(get(session + "/series"), 400, "query parameter 'channel' is required");
        assertError(get(session + "/series?channel=Nope"), 404, "session S1 has no channel 'Nope'");
        assertError(get(session + "/series?channel=Speed:iRacing&width=0"), 400,
                "query parameter 'width' must be a pixel count from 1 to 20000, not '0'");
        assertError(get(session + "/series?channel=Speed:iRacing&from=yesterday"), 400,
                "query parameter 'from' must be seconds since the Unix epoch (e.g. 1764633600.25), not 'yesterday'");
        assertError(get(session + "/channels?search=" + "x".repeat(201)), 400,
                "query parameter 'search' must be at most 200 characters, not 201");
        assertError(get(base + "/api/datasources/DS/sessions/S9/marks"), 404, "no session 'S9' in data source 'DS'");
        assertError(get(base + "/api/datasources/Other/sessions"), 404,
                "no data source 'Other' on a list; the data sources there are [DS]");
    }

    @Test
    void anUnreachableKafkaIsA503ThatSaysWhere() throws Exception {
        ListPacketSource source = oneEndedSession();
        source.unreachable();
        String base = start(source);

        assertError(get(base + "/api/datasources"), 503, "cannot read from Kafka at nowhere:1 within 1 s");
    }

    @Test
    @Timeout(60)
    void aLiveSessionGrowsOverServerSentEventsAndIsCheckedOnceItEnds() throws Exception {
        ListPacketSource source = new ListPacketSource("DS")
                .append("L", 1, NewSessionPacket.newBuilder().setSessionInfo(SessionInfoPacket.newBuilder().setIdentifier("live")).build())
                .append("L", 2, ConfigurationPacket.newBuilder().addParameterDefinitions(ParameterDefinition.newBuilder()
                        .setIdentifier("X")).build())
                .append("L", 3, periodic(T0, MS, new double[] {1, 2}).setDataFormat(SampleDataFormat.newBuilder()
                        .setParameterIdentifiers(ParameterList.newBuilder().addParameterIdentifiers("X"))).build());
        String base = start(source);
        String session = base + "/api/datasources/DS/sessions/L";
        assertEquals("live", json(base + "/api/datasources/DS/sessions").get("sessions").get(0).get("verdict").asText());
        assertEquals(0, source.reads(), "a live session is not checked");

        HttpResponse<InputStream> sse = http.send(HttpRequest.newBuilder(URI.create(session + "/live"))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(sse.body(), StandardCharsets.UTF_8))) {
            assertEquals("event: grew", nextEvent(events));
            assertTrue(events.readLine().contains("\"packets\":3"));
            source.append("L", 4, periodic(T0 + 2 * MS, MS, new double[] {3, 4}).setDataFormat(SampleDataFormat.newBuilder()
                    .setParameterIdentifiers(ParameterList.newBuilder().addParameterIdentifiers("X"))).build());
            assertEquals("event: grew", nextEvent(events));
            String data = events.readLine();
            assertTrue(data.contains("\"packets\":4") && data.contains("1.764633600003E9"), data);
            source.append("L", 5, EndOfSessionPacket.getDefaultInstance());
            assertEquals("event: ended", nextEvent(events));
        }
        assertEquals(4, json(session + "/series?channel=X").get("samples").asInt());
        json(session + "/violations");
        assertEquals(1, source.reads(), "checked once it ended");
        json(base + "/api/datasources/DS/sessions");
        assertEquals(1, source.reads(), "and the verdict is kept");
    }

    @Test
    void thePageAndUplotAreServedFromTheJar() throws Exception {
        String base = start(oneEndedSession());

        HttpResponse<String> page = get(base + "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"), page.body());
        HttpResponse<String> uplot = get(base + "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.body().contains("uPlot"));
    }

    private static String nextEvent(BufferedReader r) throws IOException {
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith("event:")) {
                return line;
            }
        }
        return null;
    }

    private static void assertError(HttpResponse<String> r, int status, String messageStart) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        String error = JSON.readTree(r.body()).get("error").asText();
        assertTrue(error.startsWith(messageStart), "error '" + error + "' should start with '" + messageStart + "'");
    }
}
