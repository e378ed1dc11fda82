package io.slipstream.csv;

import reactor.test.scheduler.VirtualTimeScheduler;
import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleValue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file larger than the heap streams through in constant memory, range scan and replay alike: it is read in a
 * second JVM whose whole heap is smaller than the file, which fails with {@code OutOfMemoryError} if the source
 * ever holds the file (or a growing part of it).
 */
class LargeFileTest {

    private static final int ROWS = 1_000_000;
    private static final int COLUMNS = 8;
    private static final String HEAP = "-Xmx48m";

    @Test
    void aFileLargerThanTheHeapStreamsThrough(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("large.csv");
        write(file);
        long size = Files.size(file);
        assertTrue(size > 60L << 20, "file is " + size + " bytes, more than the 48 MB heap");

        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                ReadWholeFile.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the reading JVM did not end");
        String printed = Files.readString(out);
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("valid=" + (long) ROWS * COLUMNS + " channels=" + COLUMNS
                + " rate=1000.0 min=0.0 max=999.99"), printed);
    }

    /** Reads the whole file through the source, as the pipeline would, and prints what it found. */
    static final class ReadWholeFile {
        public static void main(String[] args) {
            RecordingSourceContext<VirtualTimeScheduler> context = new RecordingSourceContext<>(
                    VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);
            Long valid = new CsvSourceProvider().create(ConfigSection.of(Map.of("file", args[0])))
                    .samples(context)
                    .filter(SampleValue::isValid)
                    .count()
                    .block(Duration.ofSeconds(80));
            var first = context.channels().get(0);
            System.out.println("valid=" + valid + " channels=" + context.channels().size() + " rate="
                    + first.frequencyHz() + " min=" + first.min() + " max=" + first.max());
        }
    }

    private static void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("time");
            for (int c = 0; c < COLUMNS; c++) {
                w.write(",ch" + c);
            }
            w.newLine();
            StringBuilder b = new StringBuilder(128);
            for (int r = 0; r < ROWS; r++) {
                b.setLength(0);
                int ms = r % 1000;
                b.append(r / 1000).append(ms < 10 ? ".00" : ms < 100 ? ".0" : ".").append(ms);
                for (int c = 0; c < COLUMNS; c++) {
                    int v = (r * 7 + c * 13) % 100_000;
                    b.append(',').append(v / 100).append('.').append(v % 100 < 10 ? "0" : "").append(v % 100);
                }
                w.write(b.toString());
                w.newLine();
            }
        }
    }
}
