package io.slipstream.iracing;

import io.slipstream.iracing.live.LiveSettings;
import io.slipstream.iracing.live.SimConnector;
import io.slipstream.iracing.live.windows.WindowsSimConnector;
import io.slipstream.iracing.markers.DerivedChannels;
import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.OptionType;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.util.List;
import java.util.Map;

/**
 * Provider {@code iracing}: the live sim through its shared memory (Windows), or a replay of an .ibt file or a
 * live-memory dump (any OS). With only {@code file} set it replays the file as fast as demanded with the session's
 * own timestamps and the {@code essential} channels; {@link #defaultPipelineSettings()} gives the matching marker rules.
 * Whatever the channels, it also declares and raises the events its variables show (incidents, session flags and
 * engine warnings that come on, repairs needed; see {@link io.slipstream.iracing.events.RowEvents}).
 */
public final class IracingProvider implements SourceProvider {

    /** The provider name. */
    public static final String NAME = "iracing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "iRacing telemetry: live shared memory (Windows), or replay of .ibt files and live-memory dumps";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.optional(FILE_OPTION, OptionType.PATH, null,
                        "an .ibt file or a dump of the live shared memory to replay; absent: read the running sim"),
                OptionSpec.oneOf("mode", "auto", "what to read: auto (from file: one buffer = .ibt, three = memory"
                        + " dump; no file = live), ibt, memdump or live", "auto", "ibt", "memdump", "live"),
                OptionSpec.oneOf(PACING_OPTION, "fast", "replay rows at the sim's rate (realtime) or as fast as"
                        + " downstream demands (fast)", "realtime", "fast"),
                OptionSpec.oneOf("timestamps", "auto", "replay timestamps: session (file's start date plus"
                        + " SessionTime), now (re-timed to now, live-looking), auto (now with realtime pacing, else"
                        + " session)", "auto", "session", "now"),
                new OptionSpec("channels", OptionType.LIST, "essential", "essential (about 20 key channels), full"
                        + " (every variable, arrays as Name_N), or a list of iRacing variable names", false, List.of()),
                OptionSpec.oneOf("on-exit", "end", "live: when the sim closes or leaves the session, end the"
                        + " session (end) or wait for it to come back (wait)", "end", "wait"),
                OptionSpec.optional("stale-after", OptionType.DURATION, "30s",
                        "live: no new tick for this long counts as the sim gone"));
    }

    @Override
    public List<String> fileExtensions() {
        return List.of(".ibt");
    }

    /** The sim's shared memory ticks at 60 Hz whatever the demand; a file replays only what is requested. */
    @Override
    public boolean live(SourceConfig config) {
        return IracingOptions.from(config).file() == null;
    }

    @Override
    public TelemetrySource create(SourceConfig config) {
        IracingOptions options = IracingOptions.from(config);
        LiveSettings defaults = LiveSettings.defaults();
        LiveSettings live = new LiveSettings(defaults.waitTimeout(), defaults.reconnectInterval(),
                options.staleAfter(), options.endOnExit());
        return new IracingSource(options, IracingProvider::platformConnector, live);
    }

    /**
     * The pipeline {@code markers:} section that turns this source's derived channels into lap, pit-in and
     * pit-out markers (plus the out-lap marker at the start); {@code slipstream replay} applies it to .ibt files.
     *
     * @return {@code {markers: {out-lap: true, rules: [{kind: counter, channel, label, type}, …]}}}
     * @see DerivedChannels#defaultMarkerConfig()
     */
    @Override
    public Map<String, Object> defaultPipelineSettings() {
        return Map.of("markers", DerivedChannels.defaultMarkerConfig());
    }

    private static SimConnector platformConnector() {
        if (System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return new WindowsSimConnector();
        }
        return () -> {
            throw new IllegalStateException("live iRacing telemetry needs Windows (the sim's shared memory);"
                    + " on this system set the file option to an .ibt file or a memory dump");
        };
    }

}
