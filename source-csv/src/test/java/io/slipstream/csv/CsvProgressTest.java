package io.slipstream.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SourceProgress;
import io.slipstream.spi.TelemetrySource;
import io.slipstream.testkit.RecordingSourceContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

/** A CSV replay says how far it has got: bytes of the file's size, rows read, session time so far. */
class CsvProgressTest {

    @Test
    void bytesRowsAndTimeGrowToTheWholeFile(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("time,Speed\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i / 100).append('.').append(String.format("%02d", i % 100)).append(',').append(i % 300).append('\n');
        }
        Path file = Files.writeString(dir.resolve("lap.csv"), csv);
        long size = Files.size(file);
        TelemetrySource source = new CsvSourceProvider().create(ConfigSection.of(Map.of("file", file.toString())));
        assertTrue(source.progress().isEmpty(), "nothing is known before the file is opened");
        List<SampleValue> samples = new ArrayList<>();
        StepVerifier.create(source.samples(RecordingSourceContext.realTime()).doOnNext(samples::add), 0)
                .thenRequest(10)
                .expectNextCount(10)
                .then(() -> {
                    SourceProgress early = source.progress().orElseThrow();
                    assertTrue(early.rowsRead() >= 10 && early.rowsRead() < 200_000, early.toString());
                    assertTrue(early.bytesRead() > 0 && early.bytesRead() < size, early.toString());
                    assertEquals(size, early.bytesTotal());
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(s -> true)
                .verifyComplete();
        long span = samples.get(samples.size() - 1).timeNanos() - samples.get(0).timeNanos();
        assertEquals(1_999_990_000_000L, span);
        assertEquals(new SourceProgress(200_000, -1, size, size, span, -1, false), source.progress().orElseThrow());
    }
}
