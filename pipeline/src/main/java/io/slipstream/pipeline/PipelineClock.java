package io.slipstream.pipeline;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one clock of a pipeline run: sources stamp samples with it and the block assembler measures linger with its
 * scheduler, so that {@code StepVerifier.withVirtualTime} drives both.
 */
public interface PipelineClock {

    /** @return the current time in ns since the Unix epoch (UTC) */
    long nowNanos();

    /** @return the scheduler timed work runs on (source pacing, linger) */
    Scheduler scheduler();

    /**
     * The production clock: wall-clock time with the platform's full precision and the parallel scheduler.
     *
     * @return the clock
     */
    static PipelineClock system() {
        Scheduler parallel = Schedulers.parallel();
        return new PipelineClock() {
            @Override
            public long nowNanos() {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public Scheduler scheduler() {
                return parallel;
            }
        };
    }

    /**
     * A clock that reads the scheduler's own time, e.g. a {@code VirtualTimeScheduler} in tests.
     *
     * @param scheduler the scheduler
     * @return the clock; {@code nowNanos()} is {@code scheduler.now(NANOSECONDS)}
     */
    static PipelineClock virtual(Scheduler scheduler) {
        return new PipelineClock() {
            @Override
            public long nowNanos() {
                return scheduler.now(TimeUnit.NANOSECONDS);
            }

            @Override
            public Scheduler scheduler() {
                return scheduler;
            }
        };
    }
}
