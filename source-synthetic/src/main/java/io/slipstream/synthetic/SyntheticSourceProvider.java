package io.slipstream.synthetic;

import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.OptionType;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Provider {@code synthetic}: channels declared in config (or the {@code demo} preset) following generated
 * signals. Validates everything in {@link #create}; each error names its key.
 */
public final class SyntheticSourceProvider implements SourceProvider {

    /** The provider name used in pipeline configs. */
    public static final String NAME = "synthetic";

    /** The option giving the timing of every channel and event that names none of its own. */
    static final String TIMING_OPTION = "timing";

    /** Creates the provider; cheap, as the engine instantiates every provider to list them. */
    public SyntheticSourceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Generated signals (sine, cosine, ramp, square, seeded noise, step, constant, lap counter, pit flag) "
                + "at 1 Hz to 10 kHz on a regular, jittered or Poisson timing, and events with values, in real time or "
                + "as fast as downstream demands.";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.oneOf(PACING_OPTION, "realtime", "realtime: one tick per interval on the engine's "
                        + "scheduler, stamped with the instant its clock scheduled it for (start + n x interval); fast: as fast as downstream demands, stamps still on "
                        + "the grid from the start time", "realtime", "fast"),
                OptionSpec.optional("seed", OptionType.INT, "42", "seed of the noise values and the irregular "
                        + "times; the same seed gives the same values at the same times"),
                OptionSpec.oneOf(TIMING_OPTION, "regular", "timing of every channel and event that names none: "
                        + "regular: on the grid of its rate, declared with that rate (sent as periodic blocks); "
                        + "jitter: each read moved off the grid by up to its 'jitter'; poisson: Poisson arrivals at "
                        + "its rate; jittered and Poisson channels are declared with no rate (sent as timestamped "
                        + "rows), and channels of equal rate and timing are read at the same instants", Timing.NAMES),
                OptionSpec.optional("duration", OptionType.DURATION, null, "end after this much sample time; "
                        + "runs until cancelled when absent"),
                OptionSpec.oneOf("preset", "none", "demo: 30 car-like channels at 1 kHz, 200 Hz, 50 Hz and 10 Hz "
                        + "with a lap counter (Lap, 30 s laps) and a pit flag (OnPitRoad); added before 'channels'",
                        "none", "demo"),
                OptionSpec.optional("channels", OptionType.LIST_OF_MAPS, null, "the channels, each a map: name "
                        + "(required, no ':'), kind (" + String.join("|", ChannelSpecParser.KINDS) + "), rate (Hz, "
                        + "1 to 10000, default 10), amplitude (default 1), offset (default 0), period (default 10s; "
                        + "sine, cosine, ramp, square, pit-flag), phase (degrees), value (constant), before/after/at "
                        + "(step), lap-time (default 60s) and first (default 1) (lap-counter), at/duration (pit-flag "
                        + "window in each period; defaults period - duration and 8s), units, group, description, "
                        + "format, min/max (default: the signal's range), timing (" + String.join("|", Timing.NAMES)
                        + ", default the source's), jitter (with timing jitter: the largest offset of a read from "
                        + "the grid, below half the interval; default a quarter of it). kind event: an EventDefinition "
                        + "occurring every 'every' (default 10s; the first one interval after the start; with "
                        + "timing jitter or poisson around or at that mean), priority (critical|high|medium|low|"
                        + "debug, default medium), description, and values: a list of maps, each a name, a kind ("
                        + String.join("|", EventSpecParser.VALUE_KINDS) + "; counter counts occurrences from "
                        + "'first', default 1; a waveform is read at the occurrence's time with its options as "
                        + "above), units and format"),
                OptionSpec.optional("application", OptionType.STRING, "Synthetic", "application part of the "
                        + "channel identifiers (name:application)"),
                OptionSpec.optional("track", OptionType.STRING, "Synthetic", "track name in the session metadata"),
                OptionSpec.optional("car", OptionType.STRING, "Slipstream", "car name in the session metadata"));
    }

    /** Real-time pacing ticks on the scheduler's clock whatever the demand; fast pacing makes samples only on request. */
    @Override
    public boolean live(SourceConfig config) {
        return config.getEnum(PACING_OPTION, "realtime", "realtime", "fast").equals("realtime");
    }

    @Override
    public TelemetrySource create(SourceConfig config) {
        boolean realtime = config.getEnum(PACING_OPTION, "realtime", "realtime", "fast").equals("realtime");
        long seed = config.getLong("seed", 42);
        Duration duration = config.getDuration("duration", null);
        if (duration != null && duration.toNanos() <= 0) {
            throw config.error("duration", "expected a positive duration, found " + config.getString("duration", ""));
        }
        String application = config.getString("application", "Synthetic").trim();
        if (application.isEmpty() || application.contains(":")) {
            throw config.error("application", "expected a non-empty name without ':', found '" + application + "'");
        }
        String timing = config.getEnum(TIMING_OPTION, "regular", Timing.NAMES);
        ChannelSpecParser parser = new ChannelSpecParser(application, seed, timing);
        List<ChannelSpec> specs = new ArrayList<>();
        if (config.getEnum("preset", "none", "none", "demo").equals("demo")) {
            DemoPreset.channels().forEach(c -> specs.add(parser.parse(c)));
        }
        List<SourceConfig> channels = config.getConfigList("channels");
        Set<String> names = new HashSet<>();
        specs.forEach(s -> names.add(s.definition().name()));
        for (int i = 0; i < channels.size(); i++) {
            ChannelSpec spec = parser.parse(channels.get(i));
            if (!names.add(spec.definition().name())) {
                throw channels.get(i).error("name", "channel '" + spec.definition().name() + "' is declared twice");
            }
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            throw config.error("channels", "no channels: list some under 'channels' or set 'preset: demo'");
        }
        SessionMetadata metadata = new SessionMetadata(Map.of(), null)
                .with(SessionMetadata.TRACK, config.getString("track", "Synthetic"))
                .with(SessionMetadata.CAR, config.getString("car", "Slipstream"))
                .with(SessionMetadata.ORIGIN, NAME);
        return new SyntheticSource(specs, realtime, duration, metadata);
    }
}
