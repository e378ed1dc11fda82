package io.slipstream.sink.streamapi;

import io.slipstream.pipeline.Block;
import io.slipstream.pipeline.Configuration;
import io.slipstream.pipeline.EventOccurrence;
import io.slipstream.pipeline.RateGroup;
import io.slipstream.pipeline.RowGroup;
import io.slipstream.pipeline.Rows;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;
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
    static final ChannelDefinition LAT = ChannelDefinition.builder("Latitude:GPS").units("deg").range(-90, 90)
            .build();
    static final ChannelDefinition LON = ChannelDefinition.builder("Longitude:GPS").units("deg").range(-180, 180)
            .build();
    static final RowGroup GPS = new RowGroup(3, List.of(LAT, LON));
    static final EventDefinition INCIDENT = EventDefinition.builder("Incident:iRacing").name("Incident")
            .description("the player's incident count rose").priority(EventPriority.HIGH)
            .value("Increase", "x").value("Total", "x").build();
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

    /** @return a configuration of the fast group, the GPS row group and the incident event */
    static Configuration configWithRowsAndEvents() {
        return new Configuration(1, List.of(SPEED, RPM, LAT, LON), List.of(FAST), List.of(GPS), List.of(INCIDENT),
                META);
    }

    /**
     * @param times read times of the rows
     * @return GPS rows at those times: latitude 50 + i / 1000, longitude 5 + i / 1000, the second column of the
     *         second row MISSING
     */
    static Rows gps(long... times) {
        double[] lat = new double[times.length];
        double[] lon = new double[times.length];
        byte[] lonStatus = new byte[times.length];
        for (int i = 0; i < times.length; i++) {
            lat[i] = 50 + i / 1000.0;
            lon[i] = 5 + i / 1000.0;
        }
        if (times.length > 1) {
            lonStatus[1] = 1; // SampleStatus.MISSING
            lon[1] = 0;
        }
        return new Rows(GPS, times.length, times, new double[][] {lat, lon}, new byte[][] {null, lonStatus});
    }

    /** @return an incident at {@code time}: the increase and the new total */
    static EventOccurrence incident(long time, double increase, double total) {
        return new EventOccurrence(INCIDENT, time, new double[] {increase, total});
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
