package io.slipstream.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * What one full-path benchmark run does.
 *
 * @param channels       synthetic channels, all at one rate (1 to 100,000)
 * @param rateHz         their rate in Hz (1 to 10,000, the synthetic provider's range)
 * @param duration       sample time the source runs for (at least 1 s); in real time also about the wall time
 * @param target         the Stream API, {@code host:port}, or null for the embedded stack started by the run
 * @param keyGenerator   the Key Generator, {@code host:port}; null means the target's host on port 15379
 * @param kafkaBootstrap the Kafka behind an external target, read back to count what landed; ignored when embedded
 * @param pacing         real time (a live source) or fast (the most the path takes)
 * @param blockSpan      the pipeline's block span: at most this much sample time per packet
 * @param buffer         samples the overflow buffer between source and pipeline holds (drop-newest when full)
 * @param drainTimeout   how long the read-back may take, after the session ended, to find every packet
 * @param warmup         sample time of a first, unmeasured session on the same data source (JIT, topics, the
 *                       server's per-data-source start); zero for none
 */
public record BenchOptions(int channels, double rateHz, Duration duration, String target, String keyGenerator,
                           String kafkaBootstrap, Pacing pacing, Duration blockSpan, int buffer,
                           Duration drainTimeout, Duration warmup) {

    /** Highest channel count accepted. */
    public static final int MAX_CHANNELS = 100_000;
    /** Highest rate accepted, that of the synthetic provider. */
    public static final double MAX_RATE_HZ = 10_000;
    /** Port of the Key Generator when only the Stream API's address is given. */
    public static final int DEFAULT_KEY_GENERATOR_PORT = 15379;

    /**
     * Checks every value; each message names the option and what was expected.
     *
     * @throws IllegalArgumentException for a value out of range
     */
    public BenchOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(blockSpan, "blockSpan");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(warmup, "warmup");
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("--channels: expected 1 to " + MAX_CHANNELS + ", got " + channels);
        }
        if (!(rateHz >= 1 && rateHz <= MAX_RATE_HZ)) {
            throw new IllegalArgumentException("--rate: expected 1 to " + (int) MAX_RATE_HZ + " Hz, got " + rateHz);
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--duration: expected at least 1s, got " + duration);
        }
        if (blockSpan.isNegative() || blockSpan.isZero()) {
            throw new IllegalArgumentException("--block-span: expected a positive duration, got " + blockSpan);
        }
        if (buffer < 1) {
            throw new IllegalArgumentException("--buffer: expected at least 1 sample, got " + buffer);
        }
        if (drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("--drain-timeout: expected a positive duration, got " + drainTimeout);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("--warmup: expected 0s or more, got " + warmup);
        }
        if (target != null && (target.isBlank() || target.equalsIgnoreCase("embedded"))) {
            target = null;
        }
        if (target != null) {
            requireHostPort("--target", target);
            if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
                throw new IllegalArgumentException("--kafka: an external --target " + target
                        + " needs the bootstrap servers of its Kafka, to count what landed there");
            }
            if (keyGenerator == null) {
                keyGenerator = target.substring(0, target.lastIndexOf(':') + 1) + DEFAULT_KEY_GENERATOR_PORT;
            }
        }
        if (keyGenerator != null) {
            requireHostPort("--key-generator", keyGenerator);
        }
    }

    /**
     * The heavy default case of the issue: 1,000 channels at 1 kHz for 30 s in real time into the embedded stack,
     * after a 5 s warm-up.
     *
     * @return the defaults
     */
    public static BenchOptions defaults() {
        return new BenchOptions(1000, 1000, Duration.ofSeconds(30), null, null, null, Pacing.REALTIME,
                Duration.ofMillis(100), 1 << 20, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    /** @return whether the run starts its own Kafka, Stream API and Key Generator */
    public boolean embedded() {
        return target == null;
    }

    /** @return samples per second the source offers: channels times rate */
    public double offeredSamplesPerSecond() {
        return channels * rateHz;
    }

    /** @param v channels @return a copy with that many channels */
    public BenchOptions withChannels(int v) {
        return new BenchOptions(v, rateHz, duration, target, keyGenerator, kafkaBootstrap, pacing, blockSpan, buffer,
                drainTimeout, warmup);
    }

    /** @param v rate in Hz @return a copy with that rate */
    public BenchOptions withRateHz(double v) {
        return new BenchOptions(channels, v, duration, target, keyGenerator, kafkaBootstrap, pacing, blockSpan, buffer,
                drainTimeout, warmup);
    }

    /** @param v sample time @return a copy running that long */
    public BenchOptions withDuration(Duration v) {
        return new BenchOptions(channels, rateHz, v, target, keyGenerator, kafkaBootstrap, pacing, blockSpan, buffer,
                drainTimeout, warmup);
    }

    /** @param v sample time of the warm-up session, zero for none @return a copy with it */
    public BenchOptions withWarmup(Duration v) {
        return new BenchOptions(channels, rateHz, duration, target, keyGenerator, kafkaBootstrap, pacing, blockSpan, buffer,
                drainTimeout, v);
    }

    private static void requireHostPort(String option, String value) {
        int colon = value.lastIndexOf(':');
        String problem = null;
        if (colon <= 0 || colon == value.length() - 1) {
            problem = "is not HOST:PORT";
        } else {
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    problem = "has port " + port + ", expected 1 to 65535";
                }
            } catch (NumberFormatException e) {
                problem = "has a port that is not a number";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(option + ": '" + value + "' " + problem + " (e.g. localhost:13579)");
        }
    }
}
