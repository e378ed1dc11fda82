package io.slipstream.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.TelemetrySource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Lines over the limit and gzip bombs end cleanly, in bounded memory. */
class HostileInputTest {

    private final RecordingSourceContext<VirtualTimeScheduler> context =
            new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);

    @TempDir
    Path dir;

    private static TelemetrySource source(Path file, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return new CsvSourceProvider().create(ConfigSection.of(m));
    }

    private void assertRefused(TelemetrySource s, String expected) {
        StepVerifier.create(s.samples(context))
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof CsvFileException, e.toString());
                    assertTrue(e.getMessage().contains(expected), e.getMessage());
                })
                .verify(Duration.ofSeconds(30));
        assertTrue(context.channels().isEmpty(), "nothing declared");
    }

    @Test
    void aDataLineOverTheLimitIsReportedWithItsNumberAndLeftOut() throws IOException {
        String huge = "0.2," + "9".repeat(5000) + ",3\n";
        Path f = Files.writeString(dir.resolve("long.csv"), "t,a,b\n0.0,1,2\n0.1,1,2\n" + huge + "0.3,4,5\n");
        List<SampleValue> out = source(f, "max-line", 1024).samples(context).collectList().block(Duration.ofSeconds(10));
        assertEquals(6, out.size(), "the rows around the long line are read");
        assertEquals(4.0, out.get(4).value());
        List<SourceProblem> p = context.problems().stream().filter(x -> x.kind().equals("long-line")).toList();
        assertEquals(1, p.size(), context.problems().toString());
        assertEquals("long.csv:4", p.get(0).where());
        assertEquals(2, p.get(0).samples());
        assertEquals("line longer than max-line (1024 bytes); left out", p.get(0).message());
    }

    @Test
    void aHeaderOverTheLimitRefusesTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("wide.csv"), "t," + "x".repeat(3000) + "\n0.0,1\n");
        assertRefused(source(f, "max-line", 1024), "wide.csv:1: line longer than max-line (1024 bytes) before the "
                + "data; the header cannot be read");
    }

    @Test
    void aGzipBombIsRefused() throws IOException {
        Path f = dir.resolve("bomb.csv.gz");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("t,a\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 48; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(f) < 100_000, "48 MiB in " + Files.size(f) + " bytes");
        assertRefused(source(f), "bomb.csv.gz: refused as a gzip bomb");
    }

    @Test
    void anOrdinaryGzipFileIsNoBomb() throws IOException {
        Path f = dir.resolve("ok.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write("t,a\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20_000; i++) {
                out.write((i / 1000.0 + "," + (i % 97) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        assertEquals(20_000L, source(f).samples(context).count().block(Duration.ofSeconds(30)));
    }

    @Test
    void theLineLimitKeepsLineNumbersAndWhatFollows() throws IOException {
        List<Long> left = new ArrayList<>();
        String text = "ab\n" + "x".repeat(100) + "\ncd\r\n" + "y".repeat(300) + "\n" + "z".repeat(50);
        InputStream in = new LineLimitInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)),
                64, left::add);
        assertEquals("ab\n\ncd\r\n\n" + "z".repeat(50), new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(List.of(2L, 4L), left);
    }

    @Test
    void aLongLastLineWithoutLineEndIsLeftOut() throws IOException {
        List<Long> left = new ArrayList<>();
        InputStream in = new LineLimitInputStream(new ByteArrayInputStream(("a\n" + "q".repeat(200_000))
                .getBytes(StandardCharsets.US_ASCII)), 64, left::add);
        assertEquals("a\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(List.of(2L), left);
    }

    @Test
    void aDateTimeBeyondNanosecondRangeIsRefusedNotAnOverflow() throws IOException {
        Path f = Files.writeString(dir.resolve("far.csv"), "timestamp,a\n4048-05-01T14:00:00Z,1\n");
        assertRefused(source(f), "far.csv:2: time column 'timestamp' holds '4048-05-01T14:00:00Z', neither a number");
        Path row = Files.writeString(dir.resolve("row.csv"), "timestamp,a\n2024-05-01T14:00:00Z,1\n"
                + "4048-05-01T14:00:00Z,2\n2024-05-01T14:00:01Z,3\n");
        List<SampleValue> out = source(row).samples(context).collectList().block(Duration.ofSeconds(10));
        assertEquals(List.of(1.0, 3.0), out.stream().map(SampleValue::value).toList(), "the good rows are kept");
        assertEquals(1, context.problems().size(), context.problems().toString());
        assertEquals("row.csv:3:1", context.problems().get(0).where());
    }
}
