package io.slipstream.csv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.TelemetrySource;
import io.slipstream.testkit.RecordingSourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Fuzz tests of CSV layout detection and reading, end to end through the source: whatever the bytes, a replay
 * either ends cleanly (bad lines reported with file and line, never thrown) or fails with a
 * {@link CsvFileException} naming the file; never another exception, a hang or an OutOfMemoryError.
 * {@code ./mvnw verify} runs them over the inputs under
 * {@code src/test/resources/io/slipstream/csv/CsvFuzzTestInputs/<method>} (every CSV file the other tests use is a
 * seed there); {@code JAZZER_FUZZ=1} fuzzes one.
 */
class CsvFuzzTest {

    /** A replay of a few KB finishes in milliseconds; this only turns a hang into a failure. */
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final String FILE = "fuzz.csv";

    @TempDir
    static Path dir;

    /** What a user gets with only {@code file} set: every format's signature tried, everything detected. */
    @FuzzTest
    void autoDetection(byte[] bytes) throws IOException {
        replay(Files.write(dir.resolve(FILE), bytes), Map.of());
    }

    /** A declared format, delimiter, decimal, time unit and units row, each of which skips a detection step. */
    @FuzzTest
    void declaredLayout(FuzzedDataProvider data) throws IOException {
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> formats = new ArrayList<>(LogFormat.names());
        formats.add("auto");
        options.put("format", data.pickValue(formats));
        options.put("delimiter", data.pickValue(List.of("auto", ",", ";", "tab", "|")));
        options.put("decimal", data.pickValue(List.of("auto", ".", ",")));
        options.put("time-unit", data.pickValue(List.of("auto", "s", "ms", "us", "ns", "iso", "clock")));
        options.put("units-row", data.pickValue(List.of("auto", "true", "false")));
        if (data.consumeBoolean()) {
            options.put("rate", data.pickValue(List.of(0.001, 1.0, 60.0, 1000.0, 1e6)));
        }
        replay(Files.write(dir.resolve(FILE), data.consumeRemainingAsBytes()), options);
    }

    /** @return samples replayed, or -1 when the file was refused with a CsvFileException naming it */
    private static long replay(Path file, Map<String, Object> extra) {
        Map<String, Object> options = new LinkedHashMap<>(extra);
        options.put("file", file.toString());
        RecordingSourceContext<VirtualTimeScheduler> ctx =
                new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);
        String name = file.getFileName().toString(); // problems name the file, refusals its whole path
        TelemetrySource source;
        try {
            source = new CsvSourceProvider().create(ConfigSection.of(options));
        } catch (ConfigException e) {
            // Options that contradict each other (decimal ',' with delimiter ',') are refused before any file is read.
            assertTrue(extra.containsKey(e.key()), e.getMessage());
            return -1;
        }
        try {
            Long n = source.samples(ctx).count().block(HANG);
            for (SourceProblem p : ctx.problems()) {
                assertTrue(p.where().startsWith(name) || p.where().startsWith(file.toString()),
                        "a problem names the file: " + p);
            }
            return n;
        } catch (CsvFileException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(ctx.channels().isEmpty(), "nothing declared before the file is refused");
            return -1;
        }
    }
}
