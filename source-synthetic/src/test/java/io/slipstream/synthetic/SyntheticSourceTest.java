package io.slipstream.synthetic;

import io.slipstream.spi.SourceProvider;
import reactor.test.scheduler.VirtualTimeScheduler;
import io.slipstream.testkit.RecordingSourceContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.slipstream.synthetic.SyntheticFixtures.MS;
import static io.slipstream.synthetic.SyntheticFixtures.channel;
import static io.slipstream.synthetic.SyntheticFixtures.options;
import static io.slipstream.synthetic.SyntheticFixtures.source;

import io.slipstream.spi.ConfigException;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import io.slipstream.spi.SourceContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.BaseSubscriber;
import org.reactivestreams.Subscription;
import reactor.test.StepVerifier;

class SyntheticSourceTest {

    private final RecordingSourceContext<VirtualTimeScheduler> context = new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH);

    private List<SampleValue> runFor(TelemetrySource source, Duration time, int expected) {
        return SyntheticFixtures.runFor(context, source, time, expected);
    }

    @Test
    void providerIsRegistered() {
        assertTrue(ServiceLoader.load(SourceProvider.class).stream()
                .anyMatch(p -> p.get().name().equals("synthetic")));
    }

    @Test
    void realTimeTicksAtTheRateStampedWithTheSchedulerClock() {
        TelemetrySource s = source(options("realtime", channel("name", "vCar", "kind", "constant", "value", 7, "rate", 100)));
        List<SampleValue> out = runFor(s, Duration.ofMillis(995), 100); // ticks at 0, 10, ..., 990 ms
        for (int i = 0; i < out.size(); i++) {
            assertEquals(RecordingSourceContext.TEST_EPOCH + i * 10 * MS, out.get(i).timeNanos());
            assertEquals(7.0, out.get(i).value());
        }
        assertEquals("vCar:Synthetic", context.channels().get(0).identifier());
        assertEquals(100.0, context.channels().get(0).frequencyHz());
        SessionMetadata meta = context.metadata().get(0);
        assertEquals("Synthetic", meta.get(SessionMetadata.TRACK));
        assertEquals("Slipstream", meta.get(SessionMetadata.CAR));
        assertEquals("synthetic", meta.get(SessionMetadata.ORIGIN));
        assertEquals(RecordingSourceContext.TEST_EPOCH, meta.start().getEpochSecond() * 1_000_000_000L + meta.start().getNano());
    }

    @Test
    void aSampleIsNeverStampedEarlierThanItsTimerWasScheduled() {
        // Declaring the channels makes the pipeline send its configuration first; here that takes 4 ms of the clock.
        SourceContext slowToDeclare = SyntheticFixtures.withoutEvents(context,
                () -> context.scheduler().advanceTimeBy(Duration.ofMillis(4)));
        TelemetrySource s = source(options("realtime", channel("name", "x", "kind", "ramp", "rate", 100)));
        List<SampleValue> out = new ArrayList<>();
        List<Long> emittedAt = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> s.samples(slowToDeclare).doOnNext(v -> {
                    out.add(v);
                    emittedAt.add(context.nowNanos());
                }), () -> context.scheduler(), Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(95))
                .expectNextCount(10)
                .thenCancel()
                .verify(Duration.ofSeconds(10));

        for (int i = 0; i < out.size(); i++) {
            assertEquals(RecordingSourceContext.TEST_EPOCH + 4 * MS + i * 10 * MS, out.get(i).timeNanos(), "tick " + i);
            assertEquals(emittedAt.get(i), out.get(i).timeNanos(), "stamped with the instant it was made");
        }
        SessionMetadata meta = context.lastMetadata();
        assertEquals(RecordingSourceContext.TEST_EPOCH, meta.start().getEpochSecond() * 1_000_000_000L + meta.start().getNano(),
                "the session starts when the source did");
    }

    @Test
    void severalRatesInOneSourceShareStampsPerRate() {
        TelemetrySource s = source(options("realtime",
                channel("name", "a", "kind", "sine", "rate", 1000),
                channel("name", "b", "kind", "ramp", "rate", 1000),
                channel("name", "c", "kind", "square", "rate", 50),
                channel("name", "d", "kind", "constant", "rate", 1)));
        List<SampleValue> out = runFor(s, Duration.ofMillis(1999), 2000 + 2000 + 100 + 2);
        Map<String, List<Long>> stamps = out.stream().collect(Collectors.groupingBy(v -> v.channel().name(),
                Collectors.mapping(SampleValue::timeNanos, Collectors.toList())));
        assertEquals(2000, stamps.get("a").size());
        assertEquals(stamps.get("a"), stamps.get("b"), "channels of one rate are stamped alike");
        assertEquals(100, stamps.get("c").size());
        assertEquals(List.of(RecordingSourceContext.TEST_EPOCH, RecordingSourceContext.TEST_EPOCH + 1000 * MS), stamps.get("d"));
        assertEquals(RecordingSourceContext.TEST_EPOCH + 20 * MS, stamps.get("c").get(1));
    }

    @Test
    void tenKilohertzKeepsAnExactGrid() {
        TelemetrySource s = source(options("realtime", channel("name", "x", "kind", "noise", "rate", 10000)));
        List<SampleValue> out = runFor(s, Duration.ofMillis(100), 1001); // ticks at 0..100 ms inclusive every 100 us
        for (int i = 0; i < out.size(); i++) {
            assertEquals(RecordingSourceContext.TEST_EPOCH + i * 100_000L, out.get(i).timeNanos());
        }
    }

    @Test
    void durationEndsTheSourceAtTheRightTick() {
        Map<String, Object> o = options("realtime", channel("name", "x", "kind", "constant", "rate", 10));
        o.put("duration", "1s");
        StepVerifier.withVirtualTime(() -> source(o).samples(context), () -> context.scheduler(), Long.MAX_VALUE)
                .expectNextCount(1)
                .thenAwait(Duration.ofMillis(900))
                .expectNextCount(9)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void seededNoiseIsReproducibleAndSeedDependent() {
        List<Double> first = noise(42);
        List<Double> again = noise(42);
        List<Double> other = noise(7);
        assertEquals(first, again);
        assertTrue(!first.equals(other), "a different seed gives different noise");
        assertTrue(first.stream().allMatch(v -> v >= 3 && v <= 7), "noise stays in offset ± amplitude");
        assertTrue(first.stream().distinct().count() > 90, "noise varies");
    }

    private static List<Double> noise(long seed) {
        Map<String, Object> o = options("fast", channel("name", "n", "kind", "noise", "rate", 100, "amplitude", 2, "offset", 5));
        o.put("seed", seed);
        return source(o).samples(new RecordingSourceContext<>(VirtualTimeScheduler.create(), RecordingSourceContext.TEST_EPOCH)).take(100).map(SampleValue::value).collectList().block();
    }

    @Test
    void lapCounterIncrementsOnSchedule() {
        TelemetrySource s = source(options("realtime", channel("name", "Lap", "kind", "lap-counter", "rate", 10, "lap-time", "30s")));
        List<SampleValue> out = runFor(s, Duration.ofSeconds(95), 951);
        List<Long> changes = new ArrayList<>();
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).value() != out.get(i - 1).value()) {
                assertEquals(out.get(i - 1).value() + 1, out.get(i).value(), "one lap at a time");
                changes.add(out.get(i).timeNanos() - RecordingSourceContext.TEST_EPOCH);
            }
        }
        assertEquals(1.0, out.get(0).value());
        assertEquals(List.of(30_000 * MS, 60_000 * MS, 90_000 * MS), changes);
    }

    @Test
    void pitFlagRisesAndFallsAtItsWindow() {
        ConfigException tooLong = assertThrows(ConfigException.class, () -> source(options("realtime",
                channel("name", "Pit", "kind", "pit-flag", "period", "60s", "at", "50s", "duration", "15s"))));
        assertEquals("channels[0].at", tooLong.key());
        TelemetrySource ok = source(options("realtime", channel("name", "Pit", "kind", "pit-flag", "rate", 10,
                "period", "60s", "at", "50s", "duration", "8s")));
        List<SampleValue> out = runFor(ok, Duration.ofSeconds(130), 1301);
        List<String> edges = new ArrayList<>();
        for (int i = 1; i < out.size(); i++) {
            double prev = out.get(i - 1).value();
            double now = out.get(i).value();
            if (prev != now) {
                edges.add((now > prev ? "in@" : "out@") + (out.get(i).timeNanos() - RecordingSourceContext.TEST_EPOCH) / MS);
            }
        }
        assertEquals(List.of("in@50000", "out@58000", "in@110000", "out@118000"), edges);
    }

    @Test
    void aRealTimeSourceSurvivesAStalledConsumerAndReportsWhatItDropped() {
        // 100 Hz, 2 channels, and a consumer that takes nothing for 3 s: the source holds about a second of ticks
        // (plus what operators prefetch) and drops and reports the rest instead of failing.
        TelemetrySource s = source(options("realtime",
                channel("name", "a", "kind", "sine", "rate", 100),
                channel("name", "b", "kind", "ramp", "rate", 100)));
        List<SampleValue> got = new ArrayList<>();
        BaseSubscriber<SampleValue> stalled = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // takes nothing yet
            }

            @Override
            protected void hookOnNext(SampleValue value) {
                got.add(value);
            }
        };
        s.samples(context).subscribe(stalled);
        context.scheduler().advanceTimeBy(Duration.ofMillis(2_995)); // ticks 0..299 have fired
        stalled.request(Long.MAX_VALUE);
        stalled.dispose();
        long droppedSamples = context.problems().stream().filter(p -> p.kind().equals("overrun"))
                .mapToLong(SourceProblem::samples).sum();
        assertTrue(droppedSamples >= 2 * 100, "most of the 3 s stall was dropped: " + droppedSamples);
        assertEquals(2 * 300, got.size() + droppedSamples, "every fired sample is delivered or reported dropped");
        // Held samples keep the instant their tick was scheduled for, not the time they were taken: the newest is tick 299.
        assertEquals(299 * 10 * MS, got.get(got.size() - 1).timeNanos() - RecordingSourceContext.TEST_EPOCH);
        for (int i = 2; i < got.size(); i++) {
            assertTrue(got.get(i).timeNanos() > got.get(i - 2).timeNanos(), "per-channel time goes forward");
        }
    }

    @Test
    void fastPacingProducesExactlyWhatIsRequested() {
        AtomicLong made = new AtomicLong();
        TelemetrySource s = source(options("fast",
                channel("name", "a", "kind", "sine", "rate", 100),
                channel("name", "b", "kind", "sine", "rate", 10)));
        StepVerifier.withVirtualTime(() -> s.samples(context).doOnNext(v -> made.incrementAndGet()), () -> context.scheduler(), 0)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(5))
                .thenRequest(7)
                .expectNextCount(7)
                .expectNoEvent(Duration.ofSeconds(5))
                .thenRequest(3)
                .expectNextCount(3)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertEquals(10, made.get());
    }

    @Test
    void fastPacingWalksTheGridInTimeOrder() {
        Map<String, Object> o = options("fast",
                channel("name", "a", "kind", "ramp", "rate", 100),
                channel("name", "b", "kind", "ramp", "rate", 40));
        o.put("duration", "1s");
        List<SampleValue> out = source(o).samples(context).collectList().block(Duration.ofSeconds(5));
        assertEquals(140, out.size());
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.get(i).timeNanos() >= out.get(i - 1).timeNanos(), "time order at " + i);
        }
        List<Long> b = out.stream().filter(v -> v.channel().name().equals("b")).map(SampleValue::timeNanos).toList();
        assertEquals(RecordingSourceContext.TEST_EPOCH + 25 * MS, b.get(1));
        assertEquals(RecordingSourceContext.TEST_EPOCH + 975 * MS, b.get(39));
    }

    @Test
    void cancellationStopsEmission() {
        AtomicLong seen = new AtomicLong();
        TelemetrySource s = source(options("realtime", channel("name", "x", "kind", "sine", "rate", 1000)));
        StepVerifier.withVirtualTime(() -> s.samples(context).doOnNext(v -> seen.incrementAndGet()), () -> context.scheduler(), Long.MAX_VALUE)
                .thenAwait(Duration.ofMillis(9))
                .expectNextCount(10)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        context.scheduler().advanceTimeBy(Duration.ofSeconds(10));
        assertEquals(10, seen.get(), "nothing after cancel");
    }

    @Test
    void wavesFollowTheirDefinitions() {
        Map<String, Object> o = options("fast",
                channel("name", "sin", "kind", "sine", "rate", 4, "amplitude", 2, "offset", 1, "period", "1s"),
                channel("name", "cos", "kind", "cosine", "rate", 4, "period", "1s"),
                channel("name", "sq", "kind", "square", "rate", 4, "period", "1s", "amplitude", 3),
                channel("name", "step", "kind", "step", "rate", 4, "at", "500ms", "before", 2, "after", 9));
        o.put("duration", "1s");
        Map<String, List<Double>> v = source(o).samples(context).collectList().block().stream().collect(Collectors.groupingBy(
                x -> x.channel().name(), LinkedHashMap::new, Collectors.mapping(SampleValue::value, Collectors.toList())));
        assertList(List.of(1.0, 3.0, 1.0, -1.0), v.get("sin"));
        assertList(List.of(1.0, 0.0, -1.0, 0.0), v.get("cos"));
        assertList(List.of(3.0, 3.0, -3.0, -3.0), v.get("sq"));
        assertList(List.of(2.0, 2.0, 9.0, 9.0), v.get("step"));
        assertEquals(-1.0, context.channels().get(0).min());
        assertEquals(3.0, context.channels().get(0).max());
    }

    private static void assertList(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), 1e-9, "index " + i);
        }
    }

    @Test
    void demoPresetHasMixedRatesLapAndPit() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("preset", "demo");
        o.put("pacing", "fast");
        o.put("duration", "1s");
        List<SampleValue> out = source(o).samples(context).collectList().block(Duration.ofSeconds(10));
        assertEquals(30, context.channels().size(), "the README's 30 channels");
        Map<Double, Long> rates = context.channels().stream().collect(Collectors.groupingBy(c -> c.frequencyHz(), Collectors.counting()));
        assertEquals(Map.of(1000.0, 11L, 200.0, 6L, 50.0, 10L, 10.0, 3L), rates);
        assertTrue(context.channels().stream().anyMatch(c -> c.identifier().equals("Lap:Synthetic")));
        assertTrue(context.channels().stream().anyMatch(c -> c.identifier().equals("OnPitRoad:Synthetic")));
        // One second of each: 11 x 1000 + 6 x 200 + 10 x 50 + 3 x 10.
        assertEquals(12_730, out.size());
    }

    @Test
    void configErrorsNameTheKey() {
        assertKey("pipelines[0].source.channels[0].rate", "rate", 20000);
        assertKey("pipelines[0].source.channels[0].kind", "kind", "triangle");
        assertKey("pipelines[0].source.channels[0].period", "period", "soon");
        assertKey("pipelines[0].source.channels[0].amplitdue", "amplitdue", 3);
        ConfigException none = assertThrows(ConfigException.class, () -> new SyntheticSourceProvider()
                .create(new ConfigSection(Map.of("pacing", "fast"), "pipelines[0].source", null, null)));
        assertEquals("pipelines[0].source.channels", none.key());
        ConfigException pacing = assertThrows(ConfigException.class, () -> new SyntheticSourceProvider()
                .create(new ConfigSection(Map.of("pacing", "slow", "preset", "demo"), "pipelines[0].source", null, null)));
        assertEquals("pipelines[0].source.pacing", pacing.key());
        assertTrue(pacing.getMessage().contains("realtime, fast"), pacing.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> source(options("fast",
                channel("name", "x", "kind", "sine"), channel("name", "x", "kind", "ramp"))));
        assertTrue(twice.getMessage().contains("declared twice"), twice.getMessage());
    }

    private static void assertKey(String expectedKey, String key, Object value) {
        Map<String, Object> ch = channel("name", "x", "kind", "sine");
        ch.put(key, value);
        ConfigException e = assertThrows(ConfigException.class, () -> new SyntheticSourceProvider().create(
                new ConfigSection(options("fast", ch), "pipelines[0].source", null, null)));
        assertEquals(expectedKey, e.key(), e.getMessage());
    }

    @Test
    void nothingHappensBeforeSubscription() {
        Flux<SampleValue> flux = source(options("fast", channel("name", "x", "kind", "sine", "rate", 10))).samples(context);
        assertTrue(context.channels().isEmpty(), "declared before subscription: " + context.channels());
        assertEquals(0, context.problems().size());
        StepVerifier.create(flux.take(1)).expectNextCount(1).verifyComplete();
        assertEquals(List.of("x:Synthetic"), context.channels().stream().map(c -> c.identifier()).toList(),
                "declared once subscribed");
    }
}
