package io.slipstream.iracing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.config.ConfigSection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which iRacing sources are live (do not wait for demand), so that the engine can refuse policy block for them. */
class IracingLivenessTest {

    private final IracingProvider provider = new IracingProvider();

    @Test
    void theSimsSharedMemoryIsLive() {
        assertTrue(provider.live(ConfigSection.of(Map.of())));
        assertTrue(provider.live(ConfigSection.of(Map.of("mode", "live"))));
    }

    @Test
    void aFileIsAReplayWhateverItsPacing() {
        assertFalse(provider.live(ConfigSection.of(Map.of("file", "session.ibt", "pacing", "realtime"))));
        assertFalse(provider.live(ConfigSection.of(Map.of("file", "dump.bin", "mode", "memdump"))));
    }
}
