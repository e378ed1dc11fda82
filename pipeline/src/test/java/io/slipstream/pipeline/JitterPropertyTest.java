package io.slipstream.pipeline;

import static io.slipstream.pipeline.Fixtures.MS;
import static io.slipstream.pipeline.Fixtures.assertBalanced;
import static io.slipstream.pipeline.Fixtures.assertOrder;
import static io.slipstream.pipeline.Fixtures.assertTimesAdvance;
import static io.slipstream.pipeline.Fixtures.blocks;
import static io.slipstream.pipeline.Fixtures.channel;
import static io.slipstream.pipeline.Fixtures.settings;
import static io.slipstream.pipeline.Fixtures.virtualPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.SampleStatus;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Property: over random jitter, gaps and backward jumps, no block claims a sample time more than the tolerance away
 * from that sample's read time (each value is its own read time, so the check needs no bookkeeping), no block
 * starts at or before its group's last sample already sent, and every received sample is in exactly one block or row
 * or was dropped, counted, for going back to a time already sent.
 */
class JitterPropertyTest {

    private static final ChannelDefinition A = channel("A:Jitter", 1000);
    private static final ChannelDefinition B = channel("B:Jitter", 1000);
    private static final long T0 = 1_000_000 * MS;
    private static final int ROWS = 1500;
    private static final int SEEDS = 12;

    @ParameterizedTest(name = "tolerance {0}, gap {1}")
    @CsvSource({"0.5, SPLIT", "0.5, FILL", "0.25, SPLIT", "0.25, FILL"})
    void noBlockLiesAboutAReadTimeByMoreThanTheTolerance(double tolerance, GapPolicy gap) {
        long tol = (long) Math.floor(tolerance * MS);
        for (int seed = 1; seed <= SEEDS; seed++) {
            List<SampleValue> samples = jittered(new Random(seed));
            TelemetrySource source = ctx -> {
                ctx.declareChannels(List.of(A, B));
                return Flux.fromIterable(samples);
            };
            AtomicReference<Pipeline> pipeline = new AtomicReference<>();
            List<PipelineEvent> events = new ArrayList<>();
            StepVerifier.withVirtualTime(() -> {
                        Pipeline p = virtualPipeline(source,
                                settings(100, Duration.ofMillis(70), Duration.ofHours(1), tolerance, gap));
                        pipeline.set(p);
                        return p.events().doOnNext(events::add);
                    })
                    .thenConsumeWhile(e -> true)
                    .verifyComplete();

            long valid = 0;
            for (Block b : blocks(events)) {
                assertTrue(b.length() <= 70, "span bounds blocks: " + b);
                for (int col = 0; col < b.columns(); col++) {
                    for (int i = 0; i < b.length(); i++) {
                        if (b.statusAt(col, i) == SampleStatus.VALID) {
                            valid++;
                            long claimed = b.startNanos() + i * b.intervalNanos();
                            long read = (long) b.values(col)[i];
                            assertTrue(Math.abs(claimed - read) <= tol, "seed " + seed + ": " + b + " slot " + i
                                    + " claims " + claimed + " for a sample read at " + read);
                        }
                    }
                }
            }
            for (PipelineEvent e : events) {
                if (e instanceof Rows r) {
                    for (int col = 0; col < r.columns(); col++) {
                        for (int i = 0; i < r.length(); i++) {
                            if (r.statusAt(col, i) == SampleStatus.VALID) {
                                valid++;
                                assertEquals(r.time(i), (long) r.values(col)[i], "a row keeps the read time");
                            }
                        }
                    }
                }
            }
            CountersSnapshot c = pipeline.get().counters().snapshot();
            assertEquals(samples.size(), c.received());
            assertEquals(c.received() - c.backwards(), valid, "seed " + seed
                    + ": every sample sits in one block or one row, or went back to a time already sent");
            assertEquals(c.backwards(), c.dropped().getOrDefault(PipelineCounters.TIME_BACKWARDS, 0L));
            assertBalanced(c);
            assertOrder(events);
            assertTimesAdvance(events);
            assertTrue(c.offGrid() + c.backwards() > 0 || c.rows() > 0, "the run exercised splits or went to rows");
        }
    }

    /** Rows at 1 kHz with ±45 % jitter per sample, 1 % gaps or off-grid jumps and 0.5 % backward jumps. */
    private static List<SampleValue> jittered(Random rnd) {
        List<SampleValue> out = new ArrayList<>(2 * ROWS);
        long nominal = T0;
        for (int row = 0; row < ROWS; row++) {
            double roll = rnd.nextDouble();
            if (roll < 0.01) {
                nominal += (1 + rnd.nextInt(5)) * MS + rnd.nextInt((int) MS);
            } else if (roll < 0.015) {
                nominal -= (1 + rnd.nextInt(5)) * MS;
            }
            for (ChannelDefinition c : List.of(A, B)) {
                long t = nominal + (long) ((rnd.nextDouble() - 0.5) * 0.9 * MS);
                out.add(SampleValue.of(c, t, t));
            }
            nominal += MS;
        }
        return out;
    }
}
