package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.slipstream.atlaskafka.inspect.DataFormatRegistry;
import io.slipstream.atlaskafka.inspect.KafkaPacketReader;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.atlaskafka.inspect.SessionRuleChecker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import ma.streaming.api.v1.GetSessionInfoRequest;
import ma.streaming.api.v1.GetSessionInfoResponse;
import ma.streaming.api.v1.SessionManagementServiceGrpc;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataStatus;
import ma.streaming.open_data.v1.DoubleSample;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleDataFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13 end to end: one small export per logger format, written here with the traits the issue lists (no
 * third-party file), replayed as a new user types it, {@code slipstream replay FILE} with no config, into the
 * shared embedded stack; read back from Kafka: the channels with their units and ranges, every valid cell as a
 * sample, every bad cell as a MISSING one, the lap markers, and the session's details.
 */
class LoggerFormatsReplayTest {

    @RegisterExtension
    static final SharedStack STACK = new SharedStack();

    @TempDir
    static Path dir;

    /**
     * One format's file and what must land.
     *
     * @param name     the format
     * @param file     the file name
     * @param text     its text
     * @param charset  how it is written
     * @param channels name -> {units or "", min, max, numeric cells, cells that are not numbers}; min and max NaN
     *                 when not checked
     * @param laps     labels of the lap markers, in order: the pipeline's Out Lap at the first sample, then one per
     *                 lap the file gives
     * @param details  session details that must be there
     */
    record Export(String name, String file, String text, Charset charset, Map<String, Object[]> channels,
                  List<String> laps, Map<String, String> details) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Object[] ch(String units, double min, double max, long valid, long invalid) {
        return new Object[] {units, min, max, valid, invalid};
    }

    private static Object[] ch(String units, long valid) {
        return ch(units, Double.NaN, Double.NaN, valid, 0);
    }

    static Stream<Export> exports() {
        return Stream.of(
                new Export("racechrono", "session.csv", """
                        This file is created using RaceChrono v9.0.1 ( racechrono.com ).
                        Format,3
                        Session title,"Sunday qualifying"
                        Session type,Lap timing
                        Track name,Oulton Park International
                        Driver name,Jo Tester
                        Created,12/10/2025,10:15
                        Note,damp patches

                        timestamp,fragment_id,lap_number,elapsed_time,speed,altitude,speed,longitudinal_acc
                        unix time,,,s,m/s,m,m/s,G
                        ,,,,100: gps,100: gps,calc,calc
                        1760264100.000,0,1,0.000,20.00,40.1,20.02,0.10
                        1760264100.200,0,1,0.200,21.00,,21.02,0.20
                        1760264100.400,0,1,0.400,22.00,40.3,22.02,
                        1760264100.600,0,2,0.600,23.00,40.4,23.02,0.40
                        1760264100.800,0,2,0.800,24.00,,24.02,0.50
                        1760264101.000,0,3,1.000,25.00,40.6,25.02,0.60
                        1760264101.200,0,3,1.200,26.00,40.7,26.02,0.70
                        1760264101.400,0,4,1.400,27.00,40.8,27.02,0.80
                        """, StandardCharsets.UTF_8, Map.of(
                        "speed", ch("m/s", 20, 27, 8, 0),
                        "speed_2", ch("m/s", 20.02, 27.02, 8, 0),
                        "altitude", ch("m", 40.1, 40.8, 6, 0),
                        "longitudinal_acc", ch("G", 0.1, 0.8, 7, 0),
                        "elapsed_time", ch("s", 8),
                        "fragment_id", ch("", 8),
                        "Lap", ch("", 1, 4, 8, 0)),
                        List.of("Out Lap", "Lap 2", "Lap 3", "Lap 4"),
                        Map.of("track", "Oulton Park International", "driver", "Jo Tester", "sessionType", "Lap timing",
                                "logger", "RaceChrono", "loggerVersion", "v9.0.1", "format", "racechrono")),
                new Export("aim", "aim-export.csv", """
                        "Format","AIM CSV File"
                        "Venue","Nürburgring Sprint"
                        "Vehicle","Caterham 420R"
                        "User","Kim Driver"
                        "Data Source","AIM Data Logger"
                        "Comment",""
                        "Date","Sunday, October 12, 2025"
                        "Time","3:20 PM"
                        "Sample Rate","10"
                        "Duration","1.100"
                        "Segment","Session"
                        "Beacon Markers","0.400","0.800"
                        "Segment Times","0:00.400","0:00.400"

                        "Time","RPM","Oil Pressure","Gear"
                        "Time","RPM","Oil Pressure","Gear"
                        "s","rpm","bar","#"
                        "1","2","3","4"

                        "0.000","4000","3.0","2"
                        "0.100","4100","3.1","2"
                        "0.200","4200","3.2","2"
                        "0.300","4300","3.3","3"
                        "0.400","4400","3.4","3"
                        "0.500","4500","3.5","3"
                        "0.600","4600","3.6","3"
                        "0.700","4700","3.7","4"
                        "0.800","4800","3.8","4"
                        "0.900","4900","3.9","4"
                        "1.000","5000","4.0","4"
                        "1.100","5100","4.1",""
                        """, StandardCharsets.ISO_8859_1, Map.of(
                        "RPM", ch("rpm", 4000, 5100, 12, 0),
                        "Oil Pressure", ch("bar", 3.0, 4.1, 12, 0),
                        "Gear", ch("#", 2, 4, 11, 0),
                        "Lap", ch("", 1, 3, 12, 0)),
                        List.of("Out Lap", "Lap 2", "Lap 3"),
                        Map.of("track", "Nürburgring Sprint", "car", "Caterham 420R", "driver", "Kim Driver",
                                "logger", "AiM Race Studio", "format", "aim")),
                new Export("motec", "motec-export.csv", """
                        "Format","MoTeC CSV File"
                        "Venue","Donington National"
                        "Vehicle","GT4 Demo"
                        "Driver","Lee Sample"
                        "Device","M1"
                        "Comment","shakedown"
                        "Date","12/10/2025"
                        "Time","11:00:00"
                        "Sample Rate","20"
                        "Duration","0.450"
                        "Beacon Markers","0.200"

                        "Time","Brake Pressure","Steering Angle"
                        "s","bar","deg"

                        "0.000","0.0","-10.0"
                        "0.050","5.0","-8.0"
                        "0.100","10.0","-6.0"
                        "0.150","15.0","-4.0"
                        "0.200","20.0","-2.0"
                        "0.250","25.0","0.0"
                        "0.300","30.0","2.0"
                        "0.350","35.0","4.0"
                        "0.400","40.0","6.0"
                        "0.450","45.0","err"
                        """, StandardCharsets.ISO_8859_1, Map.of(
                        "Brake Pressure", ch("bar", 0, 45, 10, 0),
                        "Steering Angle", ch("deg", -10, 6, 9, 1),
                        "Lap", ch("", 1, 2, 10, 0)),
                        List.of("Out Lap", "Lap 2"),
                        Map.of("track", "Donington National", "car", "GT4 Demo", "driver", "Lee Sample", "logger", "MoTeC i2",
                                "format", "motec")),
                new Export("racecapture", "rc_12.log.csv", """
                        "Interval"|"ms"|0|0|1,"Utc"|"ms"|0|0|1,"Battery"|"Volts"|9|16|1,"AccelY"|"G"|-2|2|25,"EngineTemp"|"C"|0|150|10,"LapCount"|""|0|0|1
                        0,1760264100000,13.8,0.10,90,0
                        40,1760264100040,,0.11,,
                        80,1760264100080,,0.12,,
                        100,1760264100100,,,91,
                        120,1760264100120,,0.13,,
                        1000,1760264101000,13.7,0.14,92,1
                        1040,1760264101040,,0.15,,
                        2000,1760264102000,13.6,0.16,93,2
                        2040,1760264102040,,0.17,,
                        """, StandardCharsets.UTF_8, Map.of(
                        "Battery", ch("Volts", 9, 16, 3, 0),
                        "AccelY", ch("G", -2, 2, 8, 0),
                        "EngineTemp", ch("C", 0, 150, 4, 0),
                        "Interval", ch("ms", 9),
                        "Lap", ch("", 3)),
                        List.of("Out Lap", "Lap 1", "Lap 2"),
                        Map.of("logger", "RaceCapture", "format", "racecapture")),
                new Export("torque", "trackLog-2025-Oct-12.csv", "\uFEFF" + """
                        GPS Time, Device Time, Longitude, Latitude, Vehicle Speed(km/h), Engine RPM(rpm), G(x), G(z), G(x)
                        -,12-Oct-2025 10:15:00.250,-,-,0,800,0.01,0.98,0.01
                        Sun Oct 12 10:15:01 GMT+01:00 2025,12-Oct-2025 10:15:01.250,-1.5001,53.1001,10,1200,0.02,-,0.02
                        Sun Oct 12 10:15:02 GMT+01:00 2025,12-Oct-2025 10:15:02.250,-1.5002,53.1002,20,1500,0.03,0.99,0.03
                        Sun Oct 12 10:15:03 GMT+01:00 2025,12-Oct-2025 10:15:03.250,-1.5003,53.1003,30,1800,0.04,1.00,0.04
                        """, StandardCharsets.UTF_8, Map.of(
                        "Longitude", ch("", -1.5003, -1.5001, 3, 0),
                        "Latitude", ch("", 53.1001, 53.1003, 3, 0),
                        "Vehicle Speed", ch("km/h", 0, 30, 4, 0),
                        "Engine RPM", ch("rpm", 800, 1800, 4, 0),
                        "G(x)", ch("", 4),
                        "G(z)", ch("", 3),
                        "G(x)_2", ch("", 4)),
                        List.of("Out Lap"),
                        Map.of("logger", "Torque Pro", "format", "torque")),
                new Export("vcds", "LOG-01-002-020.CSV", """
                        Sunday,12,October,2025,10:30:00:00000,VCDS Version: Release 24.7.0 (x64),Data version: 20240715 DS366.0
                        Address 01: Engine       Labels: 04L-906-056-DFG.clb,,,,,,
                        ,Group A:,'002',,Group B:,'020',

                        Marker,TIME,Engine speed,TIME,Boost pressure actual,TIME,NOx sensor
                        ,STAMP,,STAMP,,STAMP,
                        ,,/min,,mbar,,ppm
                        ,0.20,780,0.45,1010,0.70,30
                        ,1.20,790,1.45,1020,1.70,NOx11:65535 ppm / 7
                        ,2.20,800,2.45,1030,2.70,32
                        ,3.20,810,3.45,1040,3.70,33
                        """, StandardCharsets.ISO_8859_1, Map.of(
                        "Engine speed", ch("/min", 780, 810, 4, 0),
                        "Boost pressure actual", ch("mbar", 1010, 1040, 4, 0),
                        "NOx sensor", ch("ppm", 30, 33, 3, 1)),
                        List.of("Out Lap"),
                        Map.of("logger", "VCDS", "loggerVersion", "Release 24.7.0 (x64)", "format", "vcds")),
                new Export("carscanner", "carscanner-log.csv", """
                        "SECONDS";"PID";"VALUE";"UNITS";
                        "37800.100";"Engine RPM";"750";"rpm";
                        "37800.300";"Throttle position";"12.5";"%";
                        "37800.600";"Engine RPM";"780";"rpm";
                        "37800.900";"Intake manifold pressure";"101";"kPa";
                        "37801.100";"Engine RPM";"n/a";"rpm";
                        "37801.200";"Throttle position";"14.0";"%";
                        """, StandardCharsets.UTF_8, Map.of(
                        "Engine RPM", ch("rpm", 750, 780, 2, 1),
                        "Throttle position", ch("%", 12.5, 14, 2, 0),
                        "Intake manifold pressure", ch("kPa", 1)),
                        List.of("Out Lap"),
                        Map.of("logger", "Car Scanner", "format", "carscanner")),
                new Export("trackaddict", "Log-20251012-101500.csv", """
                        # RaceRender Data: TrackAddict 5.2.0 on Android 14
                        # Vehicle: Test Coupe
                        Time,UTC Time,Lap,Predicted Lap Time,Speed (MPH),Accel Y
                        0.000,1760264100.000,0,0.000,40.1,0.01
                        0.100,1760264100.100,0,0.100,40.5,0.02
                        0.200,1760264100.200,1,0.000,40.9,0.03
                        0.300,1760264100.300,1,0.100,41.3,0.04
                        0.400,1760264100.400,2,0.000,41.7,0.05
                        """, StandardCharsets.UTF_8, Map.of(
                        "Speed", ch("MPH", 40.1, 41.7, 5, 0),
                        "Accel Y", ch("", 5),
                        "UTC Time", ch("", 5),
                        "Predicted Lap Time", ch("", 5),
                        "Lap", ch("", 0, 2, 5, 0)),
                        List.of("Out Lap", "Lap 1", "Lap 2"),
                        Map.of("vehicle", "Test Coupe", "format", "plain")),
                new Export("edgetx", "Glider-2025-10-12-101500.csv", """
                        Date,Time,1RSS(dB),RxBt(V),Ail,SA,LSW
                        2025-10-12,10:15:00.100,-70,8.1,0,-1024,0x0000000000000002
                        2025-10-12,10:15:00.300,-71,8.0,10,0,0x0000000000000003
                        2025-10-12,10:15:00.500,-72,8.0,20,1024,0x0000000000000001
                        2025-10-12,10:15:00.700,-73,7.9,30,1024,0x0000000000000000
                        """, StandardCharsets.UTF_8, Map.of(
                        "1RSS", ch("dB", -73, -70, 4, 0),
                        "RxBt", ch("V", 7.9, 8.1, 4, 0),
                        "Ail", ch("", 4),
                        "SA", ch("", -1024, 1024, 4, 0),
                        "LSW", ch("", 0, 3, 4, 0)),
                        List.of("Out Lap"),
                        Map.of("format", "plain")),
                new Export("decimal comma", "werkstatt.csv", """
                        Time;Drehzahl [1/min];Öltemperatur [°C]
                        0,0;900;80,5
                        0,5;950;80,7
                        1,0;1000;81,0
                        1,5;1050;81,2
                        """, StandardCharsets.UTF_8, Map.of(
                        "Drehzahl", ch("1/min", 900, 1050, 4, 0),
                        "Öltemperatur", ch("°C", 80.5, 81.2, 4, 0)),
                        List.of("Out Lap"),
                        Map.of("format", "plain")),
                new Export("gzip", "plain-log.csv.gz", """
                        Time,Throttle,Brake
                        0.00,0,1
                        0.05,10,0
                        0.10,20,0
                        0.15,30,0
                        0.20,x,0
                        """, StandardCharsets.UTF_8, Map.of(
                        "Throttle", ch("", 0, 30, 4, 1),
                        "Brake", ch("", 0, 1, 5, 0)),
                        List.of("Out Lap"),
                        Map.of("format", "plain")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void aLoggerExportReplaysWithNoConfigAndLandsWhole(Export export) throws IOException, InterruptedException {
        Path file = write(export);
        String dataSource = "Loggers" + export.name().replaceAll("[^A-Za-z]", "");
        Path json = dir.resolve(dataSource + ".json");
        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "replay", file.toString(),
                "--data-source", dataSource, "--summary-json", json.toString()));
        assertEquals(0, r.code(), r::toString);
        JsonNode summary = new ObjectMapper().readTree(Files.readString(json)).get("pipelines").get(0);
        String session = summary.get("sessionKey").asText();

        List<LandedPacket> landed = new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), dataSource,
                Map.of("Stream1", 1, "Stream2", 2)).stream().filter(p -> p.packet() != null).toList();
        assertEquals(List.of(), new SessionRuleChecker().check(landed, session));
        Map<String, ParameterDefinition> defined = new TreeMap<>();
        Map<String, long[]> counted = new TreeMap<>();
        List<String> laps = new ArrayList<>();
        read(landed, defined, counted, laps);

        assertEquals(new TreeMap<>(export.channels()).keySet(), defined.keySet(), "channels");
        long valid = 0;
        long invalid = 0;
        long missing = 0;
        for (Map.Entry<String, Object[]> e : export.channels().entrySet()) {
            String name = e.getKey();
            Object[] want = e.getValue();
            ParameterDefinition d = defined.get(name);
            assertEquals(want[0], d.getUnits(), name + " units");
            if (!Double.isNaN((double) want[1])) {
                assertEquals((double) want[1], d.getMinValue(), 1e-9, name + " min");
                assertEquals((double) want[2], d.getMaxValue(), 1e-9, name + " max");
            }
            long[] n = counted.getOrDefault(name, new long[2]);
            assertEquals(want[3], n[0], name + " valid samples landed: every numeric cell");
            assertTrue(n[1] >= (long) want[4], name + ": " + n[1] + " MISSING samples landed, fewer than its "
                    + want[4] + " cells that are not numbers");
            valid += n[0];
            invalid += (long) want[4];
            missing += n[1];
        }
        JsonNode samples = summary.get("samples");
        assertEquals(invalid, samples.get("invalid").asLong(), "cells that are not numbers: " + summary);
        assertEquals(invalid + samples.get("filled").asLong(), missing,
                "every MISSING sample is an invalid cell or a slot of a blank cell filled by the pipeline: " + summary);
        assertEquals(valid + invalid, samples.get("cellsRead").asLong(), summary::toString);
        assertEquals(valid, samples.get("cellsLanded").asLong(), summary::toString);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "cells: %,d landed of %,d read", valid, valid + invalid)),
                r::toString);
        assertEquals(invalid, sourceProblems(summary, "bad-cell"), "each invalid cell reported: " + summary);
        assertEquals(export.laps(), laps, "lap markers");

        GetSessionInfoResponse info = sessionInfo(session);
        export.details().forEach((k, v) -> assertEquals(v, info.getDetailsMap().get(k), "session detail " + k
                + " of " + info.getDetailsMap()));
        assertTrue(info.getIsComplete(), info::toString);
        String track = export.details().get("track");
        if (track != null) {
            assertTrue(info.getIdentifier().startsWith(track + " - "), "the identifier names the track: " + info.getIdentifier());
        }
    }

    @Test
    void aRaceCaptureLogWhoseUtcStepsBackLandsValidWithTheRepeatedTimesDroppedAndCounted() throws IOException,
            InterruptedException {
        // 10 Hz Speed and RPM (and Interval), 1 Hz Battery. After 2 s the logger restarts: Interval starts again at 0
        // and Utc steps back 1 s, then runs on for 3 s. Every cell of the second run at or before the last time its
        // channel already had is a time the session was sent; those are dropped, the rest land.
        long t0 = 1_760_264_100_000L;
        StringBuilder csv = new StringBuilder("\"Interval\"|\"ms\"|0|0|10,\"Utc\"|\"ms\"|0|0|10,"
                + "\"Battery\"|\"Volts\"|9|16|1,\"Speed\"|\"kph\"|0|300|10,\"RPM\"|\"rpm\"|0|9000|10\n");
        Map<String, Long> cells = new TreeMap<>();
        Map<String, Long> lastBeforeRestart = new TreeMap<>();
        Map<String, Long> repeated = new TreeMap<>();
        int n = 0;
        for (int run = 1; run <= 2; run++) {
            long first = run == 1 ? t0 : t0 + 1000;
            int rows = run == 1 ? 20 : 30;
            for (int i = 0; i < rows; i++, n++) {
                long utc = first + 100L * i;
                boolean battery = (utc - t0) % 1000 == 0;
                csv.append(100 * i).append(',').append(utc).append(',').append(battery ? "13.5" : "").append(',')
                        .append(100 + n % 50).append(',').append(3000 + 10 * n).append('\n');
                for (String channel : battery ? List.of("Interval", "Battery", "Speed", "RPM")
                        : List.of("Interval", "Speed", "RPM")) {
                    cells.merge(channel, 1L, Long::sum);
                    if (run == 1) {
                        lastBeforeRestart.put(channel, utc);
                    } else if (utc <= lastBeforeRestart.get(channel)) {
                        repeated.merge(channel, 1L, Long::sum);
                    }
                }
            }
        }
        long read = cells.values().stream().mapToLong(Long::longValue).sum();
        long dropped = repeated.values().stream().mapToLong(Long::longValue).sum();
        Path file = Files.writeString(dir.resolve("rc_restart.log.csv"), csv);
        String dataSource = "LoggersRaceCaptureRestart";
        Path json = dir.resolve(dataSource + ".json");

        Cli.Result r = Cli.run(STACK.with(dir.resolve("no-plugins"), "replay", file.toString(),
                "--data-source", dataSource, "--summary-json", json.toString()));

        assertEquals(0, r.code(), r::toString);
        JsonNode summary = new ObjectMapper().readTree(Files.readString(json)).get("pipelines").get(0);
        List<LandedPacket> landed = new KafkaPacketReader().readAll(STACK.get().kafkaBootstrap(), dataSource,
                Map.of("Stream1", 1, "Stream2", 2)).stream().filter(p -> p.packet() != null).toList();
        assertEquals(List.of(), new SessionRuleChecker().check(landed, summary.get("sessionKey").asText()));
        Map<String, ParameterDefinition> defined = new TreeMap<>();
        Map<String, long[]> counted = new TreeMap<>();
        read(landed, defined, counted, new ArrayList<>());
        assertEquals(cells.keySet(), defined.keySet(), "channels");
        cells.forEach((channel, total) -> {
            assertEquals(total - repeated.getOrDefault(channel, 0L), counted.get(channel)[0],
                    channel + ": every cell lands but those at times already sent");
            assertEquals(0, counted.get(channel)[1], channel + ": no MISSING sample");
        });
        JsonNode samples = summary.get("samples");
        assertEquals(31, dropped, "the test's own count: 10 rows of 3 channels and Battery's second reading at 1 s");
        assertEquals(Map.of("time-backwards", dropped), new ObjectMapper().convertValue(samples.get("droppedByReason"),
                new TypeReference<Map<String, Long>>() { }), summary::toString);
        assertEquals(dropped, samples.get("backwards").asLong(), summary::toString);
        assertEquals(read, samples.get("cellsRead").asLong(), summary::toString);
        assertEquals(read - dropped, samples.get("cellsLanded").asLong(), summary::toString);
        assertEquals(1, sourceProblems(summary, "time-backwards"), "the step back is reported once: " + summary);
        assertTrue(r.out().contains(String.format(Locale.ROOT, "cells: %,d landed of %,d read; %,d not landed: 0 invalid"
                + " (sent as MISSING, see source problems), %,d dropped", read - dropped, read, dropped, dropped)),
                r::toString);
    }

    private static long sourceProblems(JsonNode summary, String kind) {
        JsonNode n = summary.get("sourceProblems").get(kind);
        return n == null ? 0 : n.asLong();
    }

    private static Path write(Export export) throws IOException {
        Path file = dir.resolve(export.file());
        byte[] bytes = export.text().getBytes(export.charset());
        if (export.file().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
            return file;
        }
        return Files.write(file, bytes);
    }

    /** Channels from the configuration, valid and MISSING samples per channel from blocks and rows, lap labels. */
    private static void read(List<LandedPacket> landed, Map<String, ParameterDefinition> defined,
                             Map<String, long[]> counted, List<String> laps) throws IOException {
        DataFormatRegistry formats = DataFormatRegistry.of(landed);
        Map<String, String> names = new TreeMap<>();
        for (LandedPacket l : landed) {
            Packet p = l.packet();
            if ("Configuration".equals(p.getType())) {
                for (ParameterDefinition d : ConfigurationPacket.parseFrom(p.getContent()).getParameterDefinitionsList()) {
                    defined.put(d.getName(), d);
                    names.put(d.getIdentifier(), d.getName());
                }
            }
        }
        for (LandedPacket l : landed) {
            Packet p = l.packet();
            if ("PeriodicData".equals(p.getType())) {
                PeriodicDataPacket d = PeriodicDataPacket.parseFrom(p.getContent());
                List<String> ids = parameters(d.getDataFormat(), formats);
                for (int c = 0; c < d.getColumnsCount(); c++) {
                    count(counted, names.get(ids.get(c)), d.getColumns(c).getDoubleSamples().getSamplesList());
                }
            } else if ("RowData".equals(p.getType())) {
                RowDataPacket d = RowDataPacket.parseFrom(p.getContent());
                List<String> ids = parameters(d.getDataFormat(), formats);
                for (var row : d.getRowsList()) {
                    List<DoubleSample> samples = row.getDoubleSamples().getSamplesList();
                    for (int c = 0; c < samples.size(); c++) {
                        count(counted, names.get(ids.get(c)), List.of(samples.get(c)));
                    }
                }
            } else if ("Marker".equals(p.getType()) && "Stream1".equals(l.stream()) && !l.essentialsTopic()) {
                MarkerPacket m = MarkerPacket.parseFrom(p.getContent());
                if ("Lap Trigger".equals(m.getType())) {
                    laps.add(m.getLabel());
                }
            }
        }
    }

    private static List<String> parameters(SampleDataFormat f, DataFormatRegistry formats) {
        return f.hasParameterIdentifiers() ? f.getParameterIdentifiers().getParameterIdentifiersList()
                : formats.parameters(f.getDataFormatIdentifier()).orElseThrow();
    }

    private static void count(Map<String, long[]> counted, String name, List<DoubleSample> samples) {
        long[] n = counted.computeIfAbsent(name, k -> new long[2]);
        for (DoubleSample s : samples) {
            if (s.getStatus() == DataStatus.DATA_STATUS_VALID) {
                n[0]++;
            } else if (s.getStatus() == DataStatus.DATA_STATUS_MISSING) {
                n[1]++;
            }
        }
    }

    /** The session's info as the Stream API serves it, over a real loopback gRPC connection. */
    private static GetSessionInfoResponse sessionInfo(String session) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(STACK.get().streamApiAddress()).usePlaintext().build();
        try {
            return SessionManagementServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getSessionInfo(GetSessionInfoRequest.newBuilder().setSessionKey(session).build());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
