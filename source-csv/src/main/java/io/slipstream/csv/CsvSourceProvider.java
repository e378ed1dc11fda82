package io.slipstream.csv;

import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.OptionType;
import io.slipstream.spi.SourceConfig;
import io.slipstream.spi.SourceProvider;
import io.slipstream.spi.TelemetrySource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Provider {@code csv}: replays CSV telemetry logs. With only {@code file} set it detects everything: header row,
 * delimiter, decimal separator, units row, time column and unit, nominal rate.
 */
public final class CsvSourceProvider implements SourceProvider {

    /** The provider name used in pipeline configs. */
    public static final String NAME = "csv";

    /** Creates the provider; cheap, as the engine instantiates every provider to list them. */
    public CsvSourceProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Replays CSV telemetry logs (plain or gzip; comma, semicolon or tab; header, optional units row) "
                + "in real time or as fast as downstream demands, in constant memory.";
    }

    @Override
    public List<String> fileExtensions() {
        return List.of(".csv", ".csv.gz", ".tsv", ".tsv.gz");
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                new OptionSpec(FILE_OPTION, OptionType.LIST, null, "the CSV file, or a list of files replayed one "
                        + "after another (.gz is read compressed); relative to the config file's folder", true, List.of()),
                OptionSpec.oneOf(PACING_OPTION, "fast", "fast: original timestamps, rows read as downstream "
                        + "demands; realtime: re-timed to now + offset from the first row and emitted at that moment",
                        "fast", "realtime"),
                OptionSpec.optional("time-column", OptionType.STRING, "auto", "name of the time column; auto "
                        + "picks time, Time, timestamp or t (optionally with a unit: time_ms, Time [s]); none: rows "
                        + "are placed by 'rate' from 'start'"),
                OptionSpec.oneOf("time-unit", "auto", "unit of a numeric time column, iso for ISO-8601 "
                        + "date-times, or clock for times of day (hh:mm:ss.fff, on the UTC day of 'start', else of "
                        + "today; past midnight they go on to the next day); auto reads it from the column's name or "
                        + "units, else from the first value (epoch ns/us/ms/s, else seconds since the start; a "
                        + "date-time; a time of day)", "auto", "s", "ms", "us", "ns", "iso", "clock"),
                OptionSpec.optional("start", OptionType.STRING, null, "ISO-8601 start that relative times count "
                        + "from; else a '# start: ...' line before the header, else the moment the replay starts"),
                OptionSpec.optional("rate", OptionType.DOUBLE, null, "sample rate in Hz: required without a time "
                        + "column; with one, the nominal frequency declared for the channels (when absent it is "
                        + "inferred from the first rows' time deltas)"),
                OptionSpec.oneOf("delimiter", "auto", "field separator; auto detects tab, semicolon, comma or bar "
                        + "from the header", "auto", ",", ";", "tab", "|"),
                OptionSpec.oneOf("decimal", "auto", "decimal separator; auto picks comma when the delimiter is not "
                        + "a comma and numbers are written 12,5", "auto", ".", ","),
                OptionSpec.oneOf("units-row", "auto", "whether the row after the header holds units; auto: when "
                        + "it has text and no numbers", "auto", "true", "false"),
                OptionSpec.optional("sidecar", OptionType.PATH, null, "YAML file with channel metadata "
                        + "(channels: {name: {units, description, group, format, min, max}}) and session fields "
                        + "(session: {track, car, driver})"),
                OptionSpec.optional("application", OptionType.STRING, "CSV", "application part of the channel "
                        + "identifiers (name:application)"),
                OptionSpec.optional("scan-range", OptionType.BOOLEAN, "true", "read the files once before the "
                        + "replay for the min/max of channels without a configured range (streaming, constant "
                        + "memory); false: such channels get 0..1"),
                OptionSpec.optional("report-limit", OptionType.INT, "10", "problems of each kind per file "
                        + "reported in full (file and line) before the rest are reported as one count"),
                OptionSpec.oneOf("format", "auto", "the logger's export format; auto recognises each file by its "
                        + "signature: racechrono (RaceChrono v3), aim (AiM Race Studio), motec (MoTeC i2), "
                        + "racecapture (RaceCapture/Pro), torque (Torque Pro), vcds (Ross-Tech VCDS), carscanner "
                        + "(Car Scanner and other OBD apps, long format), plain (any other: TrackAddict, EdgeTX, "
                        + "Time,... files); session details and laps come from the file",
                        Stream.concat(Stream.of("auto"), LogFormat.names().stream()).toArray(String[]::new)),
                OptionSpec.optional("max-line", OptionType.INT, "1048576", "longest line read, in bytes: a longer "
                        + "line is reported with its number and left out (a longer header refuses the file)"),
                OptionSpec.optional("max-gzip-ratio", OptionType.INT, "1000", "a .gz file that inflates more than "
                        + "this many times (past 16 MiB) is refused as a gzip bomb"));
    }

    /**
     * The marker rules a replay without config uses: a {@code Lap n} marker each time the {@code Lap} channel
     * (a format's lap number column, or the lap from beacon markers) goes up.
     *
     * @return the pipeline sections, here {@code markers:}
     */
    @Override
    public Map<String, Object> defaultPipelineSettings() {
        Map<String, Object> lapRule = Map.of("kind", "counter", "channel", LayoutInspector.LAP + ":CSV",
                "label", "Lap {value}", "type", "Lap Trigger");
        return Map.of("markers", Map.of("rules", List.of(lapRule)));
    }

    @Override
    public TelemetrySource create(SourceConfig config) {
        return new CsvSource(CsvSettings.from(config));
    }
}
