package io.slipstream.synthetic;

import static io.slipstream.synthetic.SyntheticFixtures.MS;
import static io.slipstream.synthetic.SyntheticFixtures.channel;
import static io.slipstream.synthetic.SyntheticFixtures.elapsed;
import static io.slipstream.synthetic.SyntheticFixtures.options;
import static io.slipstream.synthetic.SyntheticFixtures.runFor;
import static io.slipstream.synthetic.SyntheticFixtures.source;
import static io.slipstream.synthetic.SyntheticFixtures.virtualContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.ConfigException;
import io.slipstream.spi.EventDefinition;
import io.slipstream.spi.EventPriority;
import io.slipstream.spi.EventValue;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.testkit.RecordingSourceContext;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SourceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The {@code event} kind: declared definitions, occurrences at exact seeded times with their values, errors. */
class SyntheticEventTest {

    private final RecordingSourceContext<VirtualTimeScheduler> context = virtualContext();

    /** An incident every 2 s (a counter and a random severity) and a Poisson yellow flag every 30 s on average. */
    private static Map<String, Object> incidents(String pacing) {
        Map<String, Object> o = options(pacing,
                channel("name", "Incident", "kind", "event", "every", "2s", "priority", "high",
                        "description", "car left the track", "values", List.of(
                                channel("name", "Count", "kind", "counter"),
                                channel("name", "Severity", "kind", "noise", "amplitude", 5, "offset", 5,
                                        "units", "pt", "format", "%.1f"))),
                channel("name", "Yellow flag", "kind", "event", "every", "30s", "timing", "poisson"));
        o.put("seed", 7);
        return o;
    }

    @Test
    void eventsAreDeclaredAsDefinitionsNotChannels() {
        source(incidents("fast")).samples(context).take(1).blockLast(Duration.ofSeconds(5));
        assertEquals(List.of(List.of()), context.declarations(), "no parameters: events only");
        List<EventDefinition> events = context.events();
        assertEquals(2, events.size());
        EventDefinition incident = events.get(0);
        assertEquals("Incident:Synthetic", incident.identifier());
        assertEquals("Incident", incident.name());
        assertEquals("Synthetic", incident.application());
        assertEquals("car left the track", incident.description());
        assertEquals(EventPriority.HIGH, incident.priority());
        assertEquals(List.of(new EventValue("Count", null, null), new EventValue("Severity", "pt", "%.1f")),
                incident.values());
        EventDefinition flag = events.get(1);
        assertEquals("Yellow flag:Synthetic", flag.identifier());
        assertEquals(EventPriority.MEDIUM, flag.priority());
        assertEquals("synthetic event", flag.description());
        assertEquals(List.of(), flag.values());
    }

    @Test
    void occurrencesComeEveryIntervalFromOneIntervalInWithTheirSeededValues() {
        Map<String, Object> o = incidents("realtime");
        StepVerifier.withVirtualTime(() -> source(o).samples(context), context::scheduler, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(1_999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(v -> assertOccurrence(v, "Incident", 2_000 * MS, 1, 7.26489270984556))
                .expectNoEvent(Duration.ofMillis(1_999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(v -> assertOccurrence(v, "Incident", 4_000 * MS, 2, 6.537439534541107))
                .thenAwait(Duration.ofMillis(2_000))
                .assertNext(v -> assertOccurrence(v, "Incident", 6_000 * MS, 3, 8.848520551240531))
                .thenAwait(Duration.ofMillis(550))
                .expectNoEvent(Duration.ofNanos(419_297))
                .thenAwait(Duration.ofNanos(1))
                .assertNext(v -> assertOccurrence(v, "Yellow flag", 6_550_419_298L))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    private static void assertOccurrence(SampleValue v, String name, long elapsedNanos, double... values) {
        assertEquals(name, v.channel().name());
        assertTrue(v.isEvent(), "an occurrence, not a sample");
        assertEquals(RecordingSourceContext.TEST_EPOCH + elapsedNanos, v.timeNanos(), name + " time");
        assertArrayEquals(values, v.eventValues(), 1e-12, name + " values");
    }

    @Test
    void fastPacingGivesTheSameOccurrencesInTimeOrderWithTheSamples() {
        Map<String, Object> o = incidents("fast");
        List<Map<String, Object>> channels = new ArrayList<>();
        channels.add(channel("name", "vCar", "kind", "ramp", "rate", 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) o.get("channels");
        channels.addAll(events);
        o.put("channels", channels);
        o.put("duration", "7s");
        List<SampleValue> out = source(o).samples(context).collectList().block(Duration.ofSeconds(5));
        assertEquals(List.of(0L, 1_000 * MS, 2_000 * MS, 2_000 * MS, 3_000 * MS, 4_000 * MS, 4_000 * MS, 5_000 * MS,
                6_000 * MS, 6_000 * MS, 6_550_419_298L), elapsed(out));
        assertEquals(List.of("vCar", "vCar", "vCar", "Incident", "vCar", "vCar", "Incident", "vCar", "vCar",
                "Incident", "Yellow flag"), out.stream().map(v -> v.channel().name()).toList());
        assertArrayEquals(new double[] {3, 8.848520551240531}, out.get(9).eventValues(), 1e-12);
        assertNull(out.get(0).eventValues(), "the channel's samples stay samples");
        assertEquals(List.of("vCar"), context.channels().stream().map(ChannelDefinition::name).toList());
    }

    @Test
    void poissonAndJitteredEventsKeepTheirMeanInterval() {
        // 2,000 Poisson occurrences of mean 1 s: the sample mean's standard error is 1 s / sqrt(2,000) = 22 ms;
        // checked to 4 standard errors (the seed fixes the outcome). Jittered ones stay within 100 ms of n x 1 s.
        Map<String, Object> o = options("fast",
                channel("name", "Poisson", "kind", "event", "every", "1s", "timing", "poisson"),
                channel("name", "Jittered", "kind", "event", "every", "1s", "timing", "jitter", "jitter", "100ms"));
        List<SampleValue> out = source(o).samples(context).take(4_000).collectList().block(Duration.ofSeconds(10));
        List<Long> poisson = elapsed(out.stream().filter(v -> v.channel().name().equals("Poisson")).toList());
        List<Long> jittered = elapsed(out.stream().filter(v -> v.channel().name().equals("Jittered")).toList());
        double meanSeconds = poisson.get(poisson.size() - 1) / (double) poisson.size() / 1e9;
        assertEquals(1.0, meanSeconds, 4 / Math.sqrt(poisson.size()), "mean time between Poisson occurrences");
        assertTrue(poisson.size() > 1_900 && jittered.size() > 1_900, poisson.size() + " and " + jittered.size());
        for (int n = 0; n < jittered.size(); n++) {
            long offset = jittered.get(n) - (n + 1) * 1_000 * MS;
            assertTrue(Math.abs(offset) <= 100 * MS, "occurrence " + n + " is " + offset + " ns off");
        }
    }

    @Test
    void anEventThatCannotBeHeldFailsTheSourceInsteadOfBeingDropped() {
        // Every 10 ms, so 100 occurrences (a second's worth) are held for a consumer that takes none for 3 s. When it
        // starts taking, it gets at least the held ones, in order and without a gap, then the error.
        Map<String, Object> o = options("realtime", channel("name", "Stall", "kind", "event", "every", "10ms"));
        List<SampleValue> got = new ArrayList<>();
        StepVerifier.withVirtualTime(() -> source(o).samples(context).doOnNext(got::add), context::scheduler, 0)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(3))
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(v -> true)
                .expectErrorSatisfies(e -> {
                    assertTrue(e instanceof IllegalStateException, e.toString());
                    Matcher m = Pattern.compile("event Stall:Synthetic: downstream fell more than 100 occurrences "
                            + "behind; occurrence (\\d+) at (\\S+) could not be held, and an event is never dropped, "
                            + "so the source stops")
                            .matcher(e.getMessage());
                    assertTrue(m.matches(), e.getMessage());
                    // Operators after the buffer prefetch a few occurrences beyond the 100 it holds.
                    int lost = Integer.parseInt(m.group(1));
                    assertTrue(lost >= 100 && lost < 300, "occurrence lost: " + lost);
                    assertEquals(Instant.ofEpochSecond(0, RecordingSourceContext.TEST_EPOCH + (lost + 1) * 10 * MS),
                            Instant.parse(m.group(2)), "the lost occurrence's time");
                    assertTrue(got.size() >= 100 && got.size() < lost, got.size() + " delivered before the error");
                })
                .verify(Duration.ofSeconds(5));
        for (int n = 0; n < got.size(); n++) {
            assertEquals((n + 1) * 10 * MS, got.get(n).timeNanos() - RecordingSourceContext.TEST_EPOCH, "occurrence " + n);
        }
        assertEquals(List.of(), context.problems(), "not reported as a drop: it is an error");
    }

    @Test
    void aSourceWithoutEventsRunsOnAContextThatPredatesThem() {
        SourceContext old = SyntheticFixtures.withoutEvents(context, () -> { });
        Map<String, Object> o = options("fast", channel("name", "x", "kind", "sine"));
        o.put("duration", "1s");
        assertEquals(10, source(o).samples(old).count().block(Duration.ofSeconds(5)));
        assertThrows(UnsupportedOperationException.class,
                () -> source(incidents("fast")).samples(old).blockFirst(Duration.ofSeconds(5)));
    }

    @Test
    void eventsRunAlongsideAChannelInRealTime() {
        Map<String, Object> o = options("realtime", channel("name", "x", "kind", "constant", "rate", 10),
                channel("name", "Pit limiter", "kind", "event", "every", "500ms"));
        List<SampleValue> out = runFor(context, source(o), Duration.ofMillis(1_000), 11 + 2);
        assertEquals(List.of(500 * MS, 1_000 * MS), elapsed(out.stream().filter(SampleValue::isEvent).toList()));
    }

    @Test
    void eventErrorsNameTheKey() {
        assertError("channels[0].rate", "an event has no rate; set 'every'",
                channel("name", "E", "kind", "event", "rate", 10));
        assertError("channels[0].every", "expected a positive duration",
                channel("name", "E", "kind", "event", "every", "0s"));
        assertError("channels[0].priority", "'urgent' is not one of critical, high, medium, low, debug",
                channel("name", "E", "kind", "event", "priority", "urgent"));
        assertError("channels[0].amplitude", "unknown event option",
                channel("name", "E", "kind", "event", "amplitude", 2));
        assertError("channels[0].values[1].kind", "'lap-counter' is not one of counter, sine",
                channel("name", "E", "kind", "event", "values", List.of(channel("name", "a", "kind", "counter"),
                        channel("name", "b", "kind", "lap-counter"))));
        assertError("channels[0].values[0].kind", "is required; one of counter",
                channel("name", "E", "kind", "event", "values", List.of(channel("name", "a"))));
        assertError("channels[0].values[1].name", "value 'a' is declared twice in event 'E'",
                channel("name", "E", "kind", "event", "values", List.of(channel("name", "a", "kind", "counter"),
                        channel("name", "a", "kind", "noise"))));
        assertError("channels[0].values[0].lap-time", "unknown event value option",
                channel("name", "E", "kind", "event", "values", List.of(
                        channel("name", "a", "kind", "counter", "lap-time", "30s"))));
        assertError("channels[0].values", "unknown channel option",
                channel("name", "x", "kind", "sine", "values", List.of()));
        assertError("channels[1].name", "channel 'E' is declared twice",
                channel("name", "E", "kind", "sine"), channel("name", "E", "kind", "event"));
    }

    private static void assertError(String key, String message, Object... channels) {
        ConfigException e = assertThrows(ConfigException.class, () -> new SyntheticSourceProvider().create(
                new ConfigSection(options("fast", channels), "source", null, null)));
        assertEquals("source." + key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
