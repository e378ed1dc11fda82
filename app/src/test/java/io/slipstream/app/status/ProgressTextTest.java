package io.slipstream.app.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipstream.spi.SourceProgress;
import org.junit.jupiter.api.Test;

/** The progress arithmetic, on readings taken at made-up times. */
class ProgressTextTest {

    private static final long S = 1_000_000_000L;

    @Test
    void realTimeSaysSessionTimeOfTheTotalAndTheTimeLeft() {
        // 65 s of a 390 s file replayed at the recorded rate: 325 s of real time are left, whatever the rate was.
        SourceProgress p = new SourceProgress(3_900, 23_400, 1_000_000, 6_000_000, 65 * S, 390 * S, true);
        assertEquals("1:05 of 6:30 (16%), 5:25 left", ProgressText.format(p, null, S / 4, 66 * S));
    }

    @Test
    void anHourLongFileShowsHours() {
        SourceProgress p = new SourceProgress(1, 2, -1, -1, 59 * S, 3_723 * S, true);
        assertEquals("0:59 of 1:02:03 (1%), 1:01:04 left", ProgressText.format(p, null, S, S));
    }

    @Test
    void fastModeSaysRowsOfTheTotalTheRateAndTheTimeLeftAtThatRate() {
        SourceProgress before = new SourceProgress(10_000, 100_000, 2_000_000, 20_000_000, 100 * S, 1_000 * S, false);
        SourceProgress now = new SourceProgress(30_000, 100_000, 6_000_000, 20_000_000, 300 * S, 1_000 * S, false);
        // 20,000 rows in 5 s: 4,000 rows/s, so the 70,000 rows left take 17.5 s.
        assertEquals("5:00 of 16:40 (30%), 30,000 of 100,000 rows at 4,000 rows/s, 0:17 left",
                ProgressText.format(now, before, 5 * S, 10 * S));
    }

    @Test
    void withNoRowCountTheBytesGiveThePercentage() {
        // A CSV file: its rows and time span are known only once read to the end.
        SourceProgress before = new SourceProgress(1_000, -1, 1_048_576, 4_194_304, 10 * S, -1, false);
        SourceProgress now = new SourceProgress(3_000, -1, 3_145_728, 4_194_304, 30 * S, -1, false);
        assertEquals("0:30 replayed, 3 MiB of 4 MiB (75%) at 1 MiB/s, 0:01 left",
                ProgressText.format(now, before, 2 * S, 3 * S));
    }

    @Test
    void theFirstReadingCountsTheRateFromZeroAndTheEndShowsNoTimeLeft() {
        SourceProgress done = new SourceProgress(390, 390, 1_000, 1_000, 6 * S, 6 * S, false);
        assertEquals("0:06 of 0:06 (100%), 390 of 390 rows at 195 rows/s", ProgressText.format(done, null, 2 * S, 2 * S));
    }

    @Test
    void aLiveSourceSaysHowLongItHasBeenLive() {
        assertEquals("live 2:05", ProgressText.format(null, null, S, 125 * S));
    }

    @Test
    void aLiveSourceThatKnowsItsConnectionSaysItAndHowLongItHasHeld() {
        // The sim's state counts from when it was entered, not from the pipeline's start (here 10 minutes earlier).
        assertEquals("live, connected to iRacing for 12:03",
                ProgressText.format(SourceProgress.live("connected to iRacing", 723 * S), null, S, 733 * S));
        assertEquals("live, waiting for iRacing for 0:45",
                ProgressText.format(SourceProgress.live("waiting for iRacing", 45 * S),
                        SourceProgress.live("waiting for iRacing", 44 * S), S, 45 * S));
    }
}
