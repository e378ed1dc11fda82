package io.slipstream.iracing;

import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code iracing} provider's options, checked once when the source is created.
 *
 * @param file       the .ibt or memory dump to replay, or null for live shared memory
 * @param mode       what {@code file} is, or live
 * @param realtime   true: pace rows at the sim's rate; false: as fast as demanded
 * @param retimeToNow true: timestamps start now; false: from the file's session start
 * @param channels   a preset word ({@code essential}, {@code full}) or variable names
 * @param endOnExit  live: end the session when the sim goes (true) or wait for it (false)
 * @param staleAfter live: no new tick for this long means the sim is gone
 */
public record IracingOptions(Path file, Mode mode, boolean realtime, boolean retimeToNow, List<String> channels,
                             boolean endOnExit, Duration staleAfter) {

    /** What the source reads. */
    public enum Mode {
        /** Decide from {@code file}: absent = live, one buffer = .ibt, several = memory dump. */
        AUTO,
        /** A disk .ibt file. */
        IBT,
        /** A dump of the live shared memory; its newest buffer is read as the live reader would. */
        MEMDUMP,
        /** The running sim's shared memory (Windows). */
        LIVE
    }

    /** Copies the channel list. */
    public IracingOptions {
        channels = List.copyOf(channels);
    }

    /**
     * @param config the pipeline's {@code source:} section
     * @return the options
     * @throws io.slipstream.spi.ConfigException naming the key when a value is bad
     */
    public static IracingOptions from(SourceConfig config) {
        Path file = config.getPath(SourceProvider.FILE_OPTION, null);
        Mode mode = Mode.valueOf(config.getEnum("mode", "auto", "auto", "ibt", "memdump", "live").toUpperCase());
        if (file == null && (mode == Mode.IBT || mode == Mode.MEMDUMP)) {
            throw config.error(SourceProvider.FILE_OPTION, "is required with mode " + mode.name().toLowerCase());
        }
        if (file != null && mode == Mode.LIVE) {
            throw config.error("mode", "is live, which reads the sim's shared memory, but a file is also given");
        }
        boolean realtime = "realtime".equals(config.getEnum(SourceProvider.PACING_OPTION, "fast", "realtime", "fast"));
        String timestamps = config.getEnum("timestamps", "auto", "auto", "session", "now");
        boolean retime = timestamps.equals("now") || (timestamps.equals("auto") && realtime);
        List<String> channels = config.has("channels") ? config.getList("channels") : List.of("essential");
        if (channels.isEmpty() || channels.stream().anyMatch(String::isBlank)) {
            throw config.error("channels", "expected essential, full, or a list of iRacing variable names");
        }
        boolean end = "end".equals(config.getEnum("on-exit", "end", "end", "wait"));
        Duration stale = config.getDuration("stale-after", Duration.ofSeconds(30));
        if (stale.isNegative() || stale.isZero()) {
            throw config.error("stale-after", "must be a positive duration, e.g. 30s");
        }
        return new IracingOptions(file, mode, realtime, retime, channels, end, stale);
    }
}
