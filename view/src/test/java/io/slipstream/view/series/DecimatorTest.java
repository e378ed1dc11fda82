package io.slipstream.view.series;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecimatorTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_764_633_600_000_000_000L;

    /** One hour at 1 kHz of zeros, with a single sample of 99 at 1234.567 s and one of -5 at 3000.001 s. */
    private static Block hourWithTwoSpikes() {
        double[] v = new double[3_600_000];
        v[1_234_567] = 99;
        v[3_000_001] = -5;
        return Block.periodic(T0, MS, v);
    }

    @Test
    void aOneSampleSpikeInAnHourAt1kHzSurvivesReductionTo800Pixels() {
        Decimated d = Decimator.decimate(List.of(hourWithTwoSpikes()), T0, T0 + 3_600_000 * MS, 800);

        assertFalse(d.raw());
        assertEquals(3_600_000, d.samples());
        assertEquals(800, d.time().length, "every bucket holds samples");
        assertEquals(99, Arrays.stream(d.max()).max().orElseThrow());
        assertEquals(-5, Arrays.stream(d.min()).min().orElseThrow());
        // 4500 samples per bucket: the spike at sample 1,234,567 is in bucket 274, which starts at sample 1,233,000.
        assertEquals(99, d.max()[274]);
        assertEquals(0, d.min()[274]);
        assertEquals(T0 + 1_233_000 * MS, d.time()[274]);
        assertEquals(0, d.max()[273]);
        assertEquals(-5, d.min()[666]);
    }

    @Test
    void aZoomedRangeReadsOnlyItsSamples() {
        long from = T0 + 1_234_000 * MS;
        Decimated d = Decimator.decimate(List.of(hourWithTwoSpikes()), from, from + 1000 * MS, 100);

        assertEquals(1000, d.samples());
        assertEquals(100, d.time().length);
        assertEquals(from, d.time()[0]);
        assertEquals(99, d.max()[56], "sample 567 of the 1000 is in bucket 56");
    }

    @Test
    void fewerSamplesThanPixelsAreGivenAsTheyAreInTimeOrder() {
        Block late = Block.rows(new long[] {T0 + 30, T0 + 40}, new double[] {3, 4});
        Block early = Block.periodic(T0, 10, new double[] {0, 1, 2});

        Decimated d = Decimator.decimate(List.of(late, early), T0, T0 + 100, 1000);

        assertTrue(d.raw());
        assertArrayEquals(new long[] {T0, T0 + 10, T0 + 20, T0 + 30, T0 + 40}, d.time());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, d.min());
        assertArrayEquals(d.min(), d.max());
    }

    @Test
    void missingSamplesAreGapsNotZeros() {
        Block b = Block.periodic(T0, 10, new double[] {5, Double.NaN, Double.NaN, 7});

        Decimated d = Decimator.decimate(List.of(b), T0, T0 + 40, 4);

        assertEquals(2, d.samples());
        assertArrayEquals(new long[] {T0, T0 + 30}, d.time());
        assertArrayEquals(new double[] {5, 7}, d.max());
    }

    @Test
    void theRangeEndIsExclusiveAndEmptyRangesGiveNothing() {
        Block b = Block.periodic(T0, 10, new double[] {1, 2, 3});

        assertEquals(2, Decimator.decimate(List.of(b), T0, T0 + 20, 10).samples());
        assertEquals(0, Decimator.decimate(List.of(b), T0 + 100, T0 + 200, 10).time().length);
    }

    @Test
    void badArgumentsAreRefusedNamingWhatIsExpected() {
        List<Block> none = List.of();
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Decimator.decimate(none, 10, 10, 5));
        assertEquals("the range must end after it starts: from 10 to 10", range.getMessage());
        IllegalArgumentException buckets = assertThrows(IllegalArgumentException.class,
                () -> Decimator.decimate(none, 0, 10, 20_001));
        assertEquals("buckets must be 1 to 20000, not 20001", buckets.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Block.periodic(0, 0, new double[1]));
    }
}
