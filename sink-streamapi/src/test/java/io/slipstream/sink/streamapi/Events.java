package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SessionMetadata;
import java.time.Instant;
import java.util.List;

/** Hand-made pipeline events for tests. */
final class Events {

    static final long T0 = 1_700_000_000_000_000_000L;
    static final long MS = 1_000_000L;

    static final ChannelDefinition SPEED = ChannelDefinition.builder("Speed:iRacing").units("m/s").range(0, 100)
            .frequencyHz(1000).build();
    static final ChannelDefinition RPM = ChannelDefinition.builder("RPM:iRacing").units("rpm").range(0, 12000)
            .frequencyHz(1000).build();
    static final ChannelDefinition LAP = ChannelDefinition.builder("Lap:iRacing").frequencyHz(10).build();
    static final RateGroup FAST = new RateGroup(1, MS, List.of(SPEED, RPM));
    static final RateGroup SLOW = new RateGroup(2, 100 * MS, List.of(LAP));
    static final SessionMetadata META = SessionMetadata.EMPTY.with(SessionMetadata.TRACK, "Spa")
            .with(SessionMetadata.CAR, "MX-5").withStart(Instant.parse("2026-05-01T10:00:00Z"));

    private Events() {
    }

    static Configuration config1() {
        return new Configuration(1, List.of(SPEED, RPM), List.of(FAST), META);
    }

    static Configuration config2() {
        return new Configuration(2, List.of(SPEED, RPM, LAP), List.of(FAST, SLOW), META);
    }

    /** @return block number {@code n} of the fast group, 100 samples, gapless after block n-1 */
    static Block fast(int n) {
        int len = 100;
        double[] speed = new double[len];
        double[] rpm = new double[len];
        for (int i = 0; i < len; i++) {
            speed[i] = n * len + i;
            rpm[i] = 1000 + i;
        }
        return new Block(FAST, T0 + (long) n * len * MS, MS, len, new double[][] {speed, rpm}, null);
    }
}
