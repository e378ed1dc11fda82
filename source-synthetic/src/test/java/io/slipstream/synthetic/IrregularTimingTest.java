package io.slipstream.synthetic;

import static io.slipstream.synthetic.SyntheticFixtures.MS;
import static io.slipstream.synthetic.SyntheticFixtures.channel;
import static io.slipstream.synthetic.SyntheticFixtures.elapsed;
import static io.slipstream.synthetic.SyntheticFixtures.options;
import static io.slipstream.synthetic.SyntheticFixtures.runFor;
import static io.slipstream.synthetic.SyntheticFixtures.source;
import static io.slipstream.synthetic.SyntheticFixtures.virtualContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.OptionSpec;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Jittered and Poisson read times: exact for a seed, within their bounds, the same in both pacings. */
class IrregularTimingTest {

    private final RecordingSourceContext<VirtualTimeScheduler> context = virtualContext();

    /** A 10 Hz ramp (one unit per second) read up to 20 ms off its grid, seed 7. */
    private static Map<String, Object> jittered(String pacing) {
        Map<String, Object> o = options(pacing, channel("name", "x", "kind", "ramp", "rate", 10, "period", "1s",
                "timing", "jitter", "jitter", "20ms"));
        o.put("seed", 7);
        return o;
    }

    /** A 5 Hz noise channel at Poisson times, seed 7. */
    private static Map<String, Object> poisson(String pacing) {
        Map<String, Object> o = options(pacing, channel("name", "gps", "kind", "noise", "rate", 5, "timing", "poisson"));
        o.put("seed", 7);
        return o;
    }

    private static List<SampleValue> fast(Map<String, Object> options, int count) {
        return source(options).samples(virtualContext()).take(count).collectList().block(Duration.ofSeconds(10));
    }

    @Test
    void jitteredReadsComeAtExactSeededInstantsInVirtualTime() {
        List<Long> emittedAt = new ArrayList<>();
        List<SampleValue> out = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> source(jittered("realtime")).samples(context).doOnNext(v -> {
                    out.add(v);
                    emittedAt.add(context.nowNanos());
                }), context::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofNanos(16_952_599))
                .thenAwait(Duration.ofNanos(1))
                .expectNextCount(1)
                .expectNoEvent(Duration.ofNanos(92_708_531 - 16_952_600 - 1))
                .thenAwait(Duration.ofNanos(1))
                .expectNextCount(1)
                .thenAwait(Duration.ofNanos(511_679_134 - 92_708_531))
                .expectNextCount(4)
                .thenCancel()
                .verify(Duration.ofSeconds(10));

        assertEquals(List.of(16_952_600L, 92_708_531L, 184_131_586L, 291_722_525L, 403_778_658L, 511_679_134L),
                elapsed(out));
        for (int i = 0; i < out.size(); i++) {
            assertEquals(out.get(i).timeNanos(), emittedAt.get(i), "read " + i + " is made at the instant it states");
            assertEquals((out.get(i).timeNanos() - RecordingSourceContext.TEST_EPOCH) / 1e9, out.get(i).value(), 1e-12,
                    "the ramp is read at the jittered time, not the grid's");
        }
        assertEquals(0.0, context.channels().get(0).frequencyHz(), "off the grid: declared with no rate");
    }

    @Test
    void poissonReadsComeAtExactSeededInstantsInVirtualTime() {
        List<SampleValue> out = runFor(context, source(poisson("realtime")), Duration.ofMillis(1_200), 5);
        assertEquals(List.of(248_192_553L, 478_609_302L, 534_015_631L, 1_095_274_506L, 1_154_945_878L), elapsed(out));
        assertEquals(-0.5225113662132179, out.get(0).value(), 1e-15);
        assertEquals(0.9632355796043968, out.get(1).value(), 1e-15);
        assertEquals(0.0, context.channels().get(0).frequencyHz());
    }

    @Test
    void realTimeAndFastPacingGiveTheSameTimesAndValues() {
        for (Map<String, Object> o : List.of(jittered("realtime"), poisson("realtime"))) {
            List<SampleValue> paced = runFor(virtualContext(), source(o), Duration.ofSeconds(20), count(o));
            o.put("pacing", "fast");
            List<SampleValue> fast = fast(o, paced.size());
            assertEquals(elapsed(paced), elapsed(fast));
            assertEquals(paced.stream().map(SampleValue::value).toList(), fast.stream().map(SampleValue::value).toList());
        }
    }

    /** How many reads the channel of these options makes in its first 20 s (fast pacing counts them). */
    private static int count(Map<String, Object> options) {
        Map<String, Object> o = new LinkedHashMap<>(options);
        o.put("pacing", "fast");
        o.put("duration", "20000000001ns");
        return source(o).samples(virtualContext()).count().block(Duration.ofSeconds(10)).intValue();
    }

    @Test
    void onTheRealClockTheReadsKeepTheirSeededSpacing() {
        // 300 ms of wall time on the real scheduler: the stamps are the origin plus the seeded times, whatever the
        // timer thread's lateness, so their spacing is exactly the fast run's.
        Map<String, Object> o = options("realtime", channel("name", "x", "kind", "constant", "rate", 100,
                "timing", "jitter", "jitter", "3ms"));
        o.put("duration", "300ms");
        List<Long> real = source(o).samples(RecordingSourceContext.realTime()).map(SampleValue::timeNanos)
                .collectList().block(Duration.ofSeconds(10));
        o.put("pacing", "fast");
        List<Long> fast = elapsed(source(o).samples(virtualContext()).collectList().block(Duration.ofSeconds(10)));
        assertEquals(30, real.size());
        for (int i = 0; i < real.size(); i++) {
            assertEquals(fast.get(i) - fast.get(0), real.get(i) - real.get(0), "spacing of read " + i);
        }
    }

    @Test
    void theSameSeedGivesTheSameTimesAndAnotherSeedOthers() {
        assertEquals(elapsed(fast(poisson("fast"), 50)), elapsed(fast(poisson("fast"), 50)));
        Map<String, Object> other = poisson("fast");
        other.put("seed", 8);
        assertNotEquals(elapsed(fast(other, 50)), elapsed(fast(poisson("fast"), 50)));
    }

    @Test
    void jitterStaysWithinItsBoundAndUsesAllOfIt() {
        Map<String, Object> o = options("fast", channel("name", "x", "kind", "constant", "rate", 100,
                "timing", "jitter", "jitter", "4ms"));
        List<Long> t = elapsed(fast(o, 10_000));
        long largest = 0;
        for (int n = 0; n < t.size(); n++) {
            long offset = t.get(n) - n * 10 * MS;
            assertTrue(Math.abs(offset) <= 4 * MS, "read " + n + " is " + offset + " ns off its grid point");
            largest = Math.max(largest, Math.abs(offset));
            assertTrue(n == 0 || t.get(n) > t.get(n - 1), "reads keep their order at " + n);
        }
        assertTrue(largest > 3_990_000, "10,000 uniform offsets reach within 10 us of the bound: " + largest);
    }

    @Test
    void poissonArrivalsHaveTheChannelsMeanRate() {
        // 20,000 exponential intervals of mean 10 ms: the sample mean's standard error is 10 ms / sqrt(20,000) =
        // 0.071 ms, and the share of intervals longer than the mean is e^-1 with a standard error of 0.0034. Both
        // are checked to 4 standard errors; with the seed fixed the outcome is the same on every run.
        Map<String, Object> o = options("fast", channel("name", "x", "kind", "constant", "rate", 100, "timing", "poisson"));
        List<Long> t = elapsed(fast(o, 20_001));
        int n = t.size() - 1;
        long longer = 0;
        for (int i = 1; i <= n; i++) {
            long gap = t.get(i) - t.get(i - 1);
            assertTrue(gap > 0, "arrival " + i + " is after the one before");
            longer += gap > 10 * MS ? 1 : 0;
        }
        double meanMs = (t.get(n) - t.get(0)) / (double) n / MS;
        assertEquals(10.0, meanMs, 4 * 10.0 / Math.sqrt(n), "mean interval in ms");
        assertEquals(Math.exp(-1), longer / (double) n, 4 * Math.sqrt(Math.exp(-1) * (1 - Math.exp(-1)) / n),
                "share of intervals above the mean");
    }

    @Test
    void channelsOfOneRateAndTimingShareTheirInstants() {
        Map<String, Object> o = options("fast",
                channel("name", "lat", "kind", "noise", "rate", 10, "timing", "poisson"),
                channel("name", "lon", "kind", "noise", "rate", 10, "timing", "poisson"),
                channel("name", "speed", "kind", "noise", "rate", 20, "timing", "poisson"));
        o.put("duration", "10s");
        Map<String, List<Long>> byName = source(o).samples(context).collectList().block(Duration.ofSeconds(10)).stream()
                .collect(Collectors.groupingBy(v -> v.channel().name(),
                        Collectors.mapping(SampleValue::timeNanos, Collectors.toList())));
        assertEquals(byName.get("lat"), byName.get("lon"), "one fix, one time");
        assertTrue(byName.get("speed").stream().noneMatch(byName.get("lat")::contains), "another rate, other times");
    }

    @Test
    void durationEndsIrregularChannelsAtTheFirstReadPastIt() {
        Map<String, Object> o = poisson("realtime");
        o.put("duration", "1.1s");
        // Reads at 248, 479, 534 and 1095 ms fall inside; the next, at 1155 ms, is past the end.
        StepVerifier.withVirtualTime(() -> source(o).samples(context), context::scheduler, Long.MAX_VALUE)
                .thenAwait(Duration.ofMillis(1_096))
                .expectNextCount(4)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theSourcesTimingAppliesToEveryChannelThatNamesNone() {
        Map<String, Object> o = options("fast",
                channel("name", "a", "kind", "sine", "rate", 50),
                channel("name", "b", "kind", "sine", "rate", 50, "timing", "regular"));
        o.put("timing", "jitter");
        source(o).samples(context).take(1).blockLast(Duration.ofSeconds(5));
        assertEquals(List.of(0.0, 50.0), context.channels().stream().map(c -> c.frequencyHz()).toList());
    }

    @Test
    void theProviderListsItsTimings() {
        OptionSpec timing = new SyntheticSourceProvider().options().stream()
                .filter(s -> s.name().equals("timing")).findFirst().orElseThrow();
        assertEquals(List.of("regular", "jitter", "poisson"), timing.allowed());
        assertEquals("regular", timing.defaultValue());
    }

    @Test
    void timingErrorsNameTheKey() {
        assertError("pipelines[0].source.channels[0].timing", "'sometimes' is not one of regular, jitter, poisson",
                channel("name", "x", "kind", "sine", "timing", "sometimes"));
        assertError("pipelines[0].source.channels[0].jitter", "applies only with 'timing: jitter'",
                channel("name", "x", "kind", "sine", "jitter", "1ms"));
        assertError("pipelines[0].source.channels[0].jitter", "below half the interval of 10ms",
                channel("name", "x", "kind", "sine", "rate", 100, "timing", "jitter", "jitter", "5ms"));
        assertError("pipelines[0].source.channels[0].jitter", "expected a positive duration",
                channel("name", "x", "kind", "sine", "rate", 100, "timing", "jitter", "jitter", "0ms"));
        Map<String, Object> o = options("fast", channel("name", "x", "kind", "sine"));
        o.put("timing", "random");
        ConfigException e = assertThrows(ConfigException.class, () -> new SyntheticSourceProvider()
                .create(new ConfigSection(o, "pipelines[0].source", null, null)));
        assertEquals("pipelines[0].source.timing", e.key());
    }

    private static void assertError(String key, String message, Map<String, Object> channel) {
        ConfigException e = assertThrows(ConfigException.class, () -> new SyntheticSourceProvider().create(
                new ConfigSection(options("fast", channel), "pipelines[0].source", null, null)));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
