package io.slipstream.csv;

import reactor.test.scheduler.VirtualTimeScheduler;
import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleValue;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file larger than the heap budget streams through in constant memory: range scan and replay alike. */
class LargeFileTest {

    private static final int ROWS = 1_000_000;
    private static final int COLUMNS = 8;
    private static final long HEAP_BUDGET = 48L << 20;

    @Test
    void aLargeFileStreamsInConstantMemory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("large.csv");
        write(file);
        long size = Files.size(file);
        assertTrue(size > 60L << 20, "file is " + size + " bytes");

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong count = new AtomicLong();
        AtomicLong peak = new AtomicLong();
        RecordingSourceContext<VirtualTimeScheduler> context = new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);
        Long total = new CsvSourceProvider().create(ConfigSection.of(Map.of("file", file.toString())))
                .samples(context)
                .doOnNext(v -> {
                    if (count.incrementAndGet() % 1_000_000 == 0) {
                        System.gc();
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed() - baseline, Math::max);
                    }
                })
                .filter(SampleValue::isValid)
                .count()
                .block(Duration.ofSeconds(60));

        assertEquals((long) ROWS * COLUMNS, total);
        assertEquals(COLUMNS, context.channels().size());
        assertEquals(1000.0, context.channels().get(0).frequencyHz());
        assertEquals(0.0, context.channels().get(0).min(), "range scanned from the data");
        assertEquals(999.99, context.channels().get(0).max());
        assertTrue(peak.get() < HEAP_BUDGET, "live heap grew by " + (peak.get() >> 20) + " MB while streaming a "
                + (size >> 20) + " MB file");
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
