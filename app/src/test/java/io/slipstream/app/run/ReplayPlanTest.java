package io.slipstream.app.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.csv.CsvSourceProvider;
import io.slipstream.iracing.IracingProvider;
import io.slipstream.pipeline.CounterRule;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowPolicy;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.synthetic.SyntheticSourceProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    @Test
    void providerDefaultPipelineSettingsBecomeTheReplaysMarkers() {
        PipelineSettings s = ReplayPlan.pipelineSettings(new IracingProvider(), false);
        assertEquals(new MarkerSettings(true, List.of(
                new CounterRule("LapMarker:iRacing", "Lap {value}", "Lap Trigger"),
                new CounterRule("PitEntries:iRacing", "Pit In", "Pit In"),
                new CounterRule("PitExits:iRacing", "Pit Out", "Pit Out"))), s.markers());
        assertEquals(OverflowPolicy.BLOCK, s.overflow().policy());
    }

    @Test
    void csvLapColumnsBecomeLapMarkers() {
        PipelineSettings s = ReplayPlan.pipelineSettings(new CsvSourceProvider(), true);
        assertEquals(new MarkerSettings(true, List.of(new CounterRule("Lap:CSV", "Lap {value}", "Lap Trigger"))),
                s.markers());
    }

    @Test
    void aProviderWithoutDefaultsGetsTheEnginesDefaults() {
        PipelineSettings s = ReplayPlan.pipelineSettings(new SyntheticSourceProvider(), true);
        assertEquals(PipelineSettings.defaults(), s);
    }
}
