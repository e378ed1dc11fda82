package io.slipstream.synthetic;

import static io.slipstream.synthetic.SyntheticFixtures.channel;
import static io.slipstream.synthetic.SyntheticFixtures.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.pipeline.config.ConfigSection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which synthetic sources are live (do not wait for demand), so that the engine can refuse policy block for them. */
class SyntheticLivenessTest {

    private final SyntheticSourceProvider provider = new SyntheticSourceProvider();

    @Test
    void realTimePacingIsLiveAndFastPacingIsNot() {
        Object speed = channel("name", "Speed", "rate", 100);
        assertTrue(provider.live(ConfigSection.of(options("realtime", speed))));
        assertFalse(provider.live(ConfigSection.of(options("fast", speed))));
    }

    @Test
    void theDefaultPacingIsRealTimeAndSoLive() {
        assertTrue(provider.live(ConfigSection.of(Map.of("preset", "demo"))));
    }
}
