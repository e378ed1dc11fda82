package io.slipstream.pipeline.assembly;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.GapPolicy;
import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Judges whether channels declared together at one rate keep it, before any of their data leaves: their first
 * samples are held and laid on the grid exactly as {@link GroupAssembler} would lay them, counting the samples that
 * would split a block (off their slot by more than the tolerance, in or before their channel's previous slot, or
 * after a skipped slot that {@code gap: split} would not fill).
 *
 * <p>The rule, deterministic in the read times alone: the channels are <em>irregular</em>, and go out as rows, when
 * at least {@value #MIN_INTERVALS} intervals were seen and more than a quarter of them split; otherwise they keep
 * their rate and go out as blocks. The judgement is made after {@value #INTERVALS} intervals, or sooner when the
 * first block would have closed anyway (it is full by size or span), the probe has been open for the linger time,
 * or the source ends — so a regular channel's first block leaves when it did before this probe existed, and holds
 * at most one block's samples meanwhile. A regular grid with a dropout or two stays a grid; Poisson arrivals split
 * about 60 % of the time and jitter beyond the tolerance most of the time.
 */
final class TimingProbe {

    /** Intervals after which the judgement is made. */
    static final int INTERVALS = 16;
    /** Fewer intervals than this are not enough to call a declared rate wrong. */
    static final int MIN_INTERVALS = 4;

    private final List<ChannelDefinition> channels;
    private final long interval;
    private final long tolerance;
    private final boolean fill;
    private final int capacity;
    private final int maxHeld;
    private final int[] last;
    private final HeldSamples held = new HeldSamples();
    private boolean started;
    private long anchor;
    private long rows;
    private int intervals;
    private int splits;

    /**
     * @param channels      the channels, in column order
     * @param intervalNanos their declared interval
     * @param settings      block settings: tolerance, gap policy, block capacity
     */
    TimingProbe(List<ChannelDefinition> channels, long intervalNanos, BlockSettings settings) {
        this.channels = List.copyOf(channels);
        this.interval = intervalNanos;
        this.tolerance = (long) Math.floor(settings.tolerance() * intervalNanos);
        this.fill = settings.gap() == GapPolicy.FILL;
        this.capacity = settings.rowsFor(intervalNanos);
        // A source repeating one time forever must not fill the heap: past this the judgement is made at once.
        this.maxHeld = (INTERVALS + 1) * 2 * Math.max(1, channels.size());
        this.last = new int[channels.size()];
    }

    /** @return the channels, in column order */
    List<ChannelDefinition> channels() {
        return channels;
    }

    /** @return the declared interval, ns */
    long intervalNanos() {
        return interval;
    }

    /**
     * Holds one sample and lays it on the grid.
     *
     * @param column    the channel's column
     * @param sample    the sample
     * @param wallNanos the wall clock now, for linger
     * @return true when enough is known to judge
     */
    boolean hold(int column, SampleValue sample, long wallNanos) {
        held.add(sample, wallNanos);
        long t = sample.timeNanos();
        if (!started) {
            started = true;
            restart(column, t);
            return capacity <= 1;
        }
        long d = t - anchor;
        long k = Math.floorDiv(d + interval / 2, interval);
        if (k <= last[column] || Math.abs(d - k * interval) > tolerance || (k > rows && !(fill && k - rows <= capacity))) {
            splits++;
            intervals++;
            restart(column, t);
        } else {
            if (k >= rows) {
                intervals++;
                rows = k + 1;
            }
            last[column] = (int) Math.min(k, Integer.MAX_VALUE);
        }
        return intervals >= INTERVALS || rows >= capacity || held.list().size() >= maxHeld;
    }

    private void restart(int column, long t) {
        anchor = t;
        Arrays.fill(last, -1);
        last[column] = 0;
        rows = 1;
    }

    /** @return the held samples and their linger state */
    HeldSamples held() {
        return held;
    }

    /** @return true when the channels do not keep their declared rate (the rule in the class comment) */
    boolean irregular() {
        return intervals >= MIN_INTERVALS && splits * 4 > intervals;
    }

    /** @return intervals seen so far */
    int intervals() {
        return intervals;
    }

    /** @return of those, the ones that would have split a block */
    int splits() {
        return splits;
    }

    /** @return the held samples in arrival order; the caller takes them (the list is cleared) */
    List<SampleValue> release() {
        List<SampleValue> out = new ArrayList<>(held.list());
        held.list().clear();
        return out;
    }
}
