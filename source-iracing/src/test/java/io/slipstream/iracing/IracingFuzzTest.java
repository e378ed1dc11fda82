package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.slipstream.iracing.layout.LayoutException;
import io.slipstream.iracing.session.SessionInfo;
import io.slipstream.iracing.session.SessionInfoException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SourceProblem;
import io.slipstream.testkit.RecordingSourceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz tests of the iRacing parsers, end to end through the source: whatever the bytes, a replay either ends
 * cleanly (problems reported, never thrown) or fails with a {@link LayoutException} naming the file and the byte
 * offset; never another exception, a hang or an OutOfMemoryError. {@code ./mvnw verify} runs them over the inputs
 * under {@code src/test/resources/io/slipstream/iracing/IracingFuzzTestInputs/<method>} (seeds and every input that
 * ever broke something); {@code JAZZER_FUZZ=1} fuzzes one of them (see the README).
 */
class IracingFuzzTest {

    /** A replay of a few KB finishes in milliseconds; this only turns a hang into a failure. */
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    @FuzzTest
    void ibtReplay(byte[] bytes) throws IOException {
        replay(Files.write(dir.resolve("fuzz.ibt"), bytes), "ibt", "full");
    }

    @FuzzTest
    void memoryDumpReplay(byte[] bytes) throws IOException {
        replay(Files.write(dir.resolve("fuzz.memdump"), bytes), "memdump", "full");
    }

    @FuzzTest
    void sessionInfo(byte[] bytes) {
        try {
            SessionInfo info = SessionInfo.parse(bytes, "fuzz.ibt");
            assertTrue(info.sessionTypes().size() <= bytes.length, "no more sessions than bytes");
        } catch (SessionInfoException e) {
            assertTrue(e.getMessage().startsWith("fuzz.ibt session info, line "), e.getMessage());
        }
    }

    /**
     * The real dump and fragment go through the same checks, so the fuzz property holds on what the sim writes
     * (IracingSourceTest replays the real .ibt and finds no problem; a cut of it is a seed of ibtReplay).
     */
    @Test
    void theRealFilesHoldTheFuzzProperty() {
        // Essential channels: all of the dump's (thousands of array elements) cost seconds; the fuzz inputs select all.
        assertEquals(1L, replay(TestFiles.path(TestFiles.MEMDUMP), "memdump", "essential"));
        assertEquals(-1L, replay(TestFiles.path(TestFiles.INVALID), "ibt", "full"));
    }

    /**
     * Replays a file; with {@code full} every var header and row value is decoded.
     *
     * @return rows replayed (SessionTime samples), or -1 when the file was refused with a LayoutException
     */
    static long replay(Path file, String mode, String channels) {
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        try {
            Long rows = new IracingProvider().create(ConfigSection.of(Map.of("file", file.toString(),
                    "mode", mode, "channels", List.of(channels)))).samples(ctx)
                    .filter(s -> s.channel().identifier().equals("SessionTime:iRacing")).count().block(HANG);
            for (SourceProblem p : ctx.problems()) {
                assertTrue(p.where().startsWith(file.getFileName().toString()), "a problem names the file: " + p);
            }
            return rows;
        } catch (LayoutException e) {
            assertTrue(e.getMessage().startsWith(file.getFileName() + " at offset " + e.offset() + ": "),
                    e.getMessage());
            assertTrue(ctx.channels().isEmpty(), "nothing declared before the file is refused");
            return -1;
        }
    }
}
