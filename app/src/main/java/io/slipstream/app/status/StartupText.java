package io.slipstream.app.status;

import io.slipstream.pipeline.BlockSettings;
import io.slipstream.pipeline.CounterRule;
import io.slipstream.pipeline.EdgeRule;
import io.slipstream.pipeline.MarkerRule;
import io.slipstream.pipeline.MarkerSettings;
import io.slipstream.pipeline.OverflowPolicy;
import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.pipeline.PipelineSettings;
import io.slipstream.pipeline.ThresholdRule;
import io.slipstream.sink.streamapi.SinkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run is about to do, as short {@code key: value} lines a person reads at a glance (the issue was a
 * record's {@code toString}, {@code PipelineSettings[block=BlockSettings[size=1000, span=PT0.1S, ...}). The
 * keys are the config's own, so that the text also says what to write to change a setting.
 */
public final class StartupText {

    private static final String INDENT = "  ";

    private StartupText() {
    }

    /**
     * @param name     the pipeline's name
     * @param source   what it reads, e.g. {@code iracing, file: lap.ibt}
     * @param settings its block, marker and overflow settings
     * @param sink     where it writes
     * @return a heading line and indented {@code key: value} lines, each ending in a line separator
     */
    public static String pipeline(String name, String source, PipelineSettings settings, SinkSettings sink) {
        List<String> lines = new ArrayList<>();
        lines.add("Pipeline '" + name + "'");
        lines.add(INDENT + "source: " + source);
        lines.add(INDENT + "writes to: " + sink.streamApi() + ", data source '" + sink.dataSource() + "', stream '"
                + (sink.stream().isEmpty() ? "(main)" : sink.stream()) + "'");
        lines.add(INDENT + "block: " + block(settings.block()));
        lines.add(INDENT + "markers: " + markers(settings.markers()));
        lines.add(INDENT + "overflow: " + overflow(settings.overflow()));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /**
     * @param kafka        the broker's bootstrap address
     * @param streamApi    the Stream API's address
     * @param keyGenerator the Key Generator's address
     * @param dataDir      where it keeps its data
     * @return the embedded stack's addresses, one per line
     */
    public static String stack(String kafka, String streamApi, String keyGenerator, String dataDir) {
        return String.join(System.lineSeparator(), "Embedded stack running",
                INDENT + "stream-api: " + streamApi,
                INDENT + "key-generator: " + keyGenerator,
                INDENT + "kafka: " + kafka,
                INDENT + "data: " + dataDir) + System.lineSeparator();
    }

    static String block(BlockSettings b) {
        return String.format(Locale.ROOT, "size %,d samples, span %s, linger %s, tolerance %s of an interval, gap %s",
                b.size(), duration(b.span()), duration(b.linger()), number(b.tolerance()),
                b.gap().name().toLowerCase(Locale.ROOT));
    }

    static String markers(MarkerSettings m) {
        List<String> parts = new ArrayList<>();
        parts.add("out-lap " + (m.outLap() ? "on" : "off"));
        for (MarkerRule r : m.rules()) {
            parts.add(rule(r));
        }
        return String.join(", ", parts);
    }

    private static String rule(MarkerRule r) {
        if (r instanceof CounterRule c) {
            return "'" + c.label() + "' when " + c.channel() + " counts up";
        }
        if (r instanceof EdgeRule e) {
            return (e.rising() == null ? "" : "'" + e.rising() + "' when " + e.channel() + " turns on")
                    + (e.rising() != null && e.falling() != null ? ", " : "")
                    + (e.falling() == null ? "" : "'" + e.falling() + "' when " + e.channel() + " turns off");
        }
        ThresholdRule t = (ThresholdRule) r;
        return "'" + t.label() + "' when " + t.channel() + (t.upwards() ? " rises above " : " falls below ")
                + number(t.level());
    }

    static String overflow(OverflowSettings o) {
        String policy = o.policy().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return o.policy() == OverflowPolicy.BLOCK ? policy + " (the source waits for the sink; nothing is dropped)"
                : String.format(Locale.ROOT, "%s, buffer %,d samples", policy, o.buffer());
    }

    /** @return a duration as a person writes it: 100ms, 2s, 1.5s, 5m */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return number(ms / 1000.0) + "s";
    }

    /** @return bytes in the largest unit that keeps them readable: 512 B, 64 KiB, 16 MiB */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return number(n / 1024.0) + " KiB";
        }
        if (n < 1024L * 1024 * 1024) {
            return number(n / (1024.0 * 1024)) + " MiB";
        }
        return number(n / (1024.0 * 1024 * 1024)) + " GiB";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
