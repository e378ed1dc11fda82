package io.slipstream.iracing;

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
import reactor.test.StepVerifier;

/** An .ibt replay says how far it has got: rows, bytes and session time of the file's totals. */
class IbtProgressTest {

    @Test
    void progressRunsFromNothingToTheWholeFile() throws Exception {
        Path file = TestFiles.path(TestFiles.VALID);
        TelemetrySource source = new IracingProvider().create(ConfigSection.of(Map.of("file", file.toString())));
        assertTrue(source.progress().isEmpty(), "nothing is known before the file is opened");
        List<SampleValue> samples = new ArrayList<>();
        StepVerifier.create(source.samples(RecordingSourceContext.realTime()).doOnNext(samples::add), 0)
                .then(() -> {
                    SourceProgress opened = source.progress().orElseThrow();
                    assertEquals(0, opened.rowsRead());
                    assertEquals(390, opened.rowsTotal());
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(s -> true)
                .verifyComplete();
        List<SampleValue> speed = samples.stream().filter(s -> s.channel().identifier().equals("Speed:iRacing")).toList();
        long span = speed.get(speed.size() - 1).timeNanos() - speed.get(0).timeNanos();
        long size = Files.size(file);
        assertEquals(new SourceProgress(390, 390, size, size, span, span, false), source.progress().orElseThrow());
    }
}
