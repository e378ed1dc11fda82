package io.slipstream.csv;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.spi.RealTimePacer;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SessionMetadata;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.SourceProgress;
import io.slipstream.spi.TelemetrySource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Replays CSV files one after another.
 *
 * <p>On subscription: inspects the head of every file (fatal problems end the flux with an error before any
 * sample), scans the files once for channel ranges that neither a units row nor a sidecar gives (see
 * {@link ValueRanges}), declares every channel and the session metadata, then streams rows on demand through a
 * FastCSV reader: constant memory whatever the file size.
 *
 * <p>Fast pacing: each sample carries its file time; rows are read only as downstream requests them. Real-time
 * pacing: the first row is stamped with the clock's reading at subscription and each later row with that plus
 * its offset from the first row, and is emitted on the context's scheduler when that moment comes.
 *
 * <p>Relative times and rate-placed rows count from the configured {@code start}, else the file's
 * {@code # start:} preamble, else (first file) the clock at subscription or (later files) one interval after
 * the previous file's last row.
 */
final class CsvSource implements TelemetrySource {

    private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);

    private final CsvSettings settings;
    /** The current subscription's progress; null before the first. */
    private volatile CsvProgress progress;

    CsvSource(CsvSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<SourceProgress> progress() {
        CsvProgress p = progress;
        return p == null ? Optional.empty() : Optional.of(p.snapshot());
    }

    @Override
    public Flux<SampleValue> samples(SourceContext context) {
        return Flux.defer(() -> {
            Sidecar sidecar = settings.sidecar() == null ? Sidecar.NONE : Sidecar.load(settings.sidecar());
            LayoutInspector inspector = new LayoutInspector(settings);
            List<CsvLayout> layouts = new ArrayList<>();
            settings.files().forEach(f -> layouts.add(inspector.inspect(f)));
            ValueRanges ranges = settings.scanRange() && needsScan(layouts, sidecar)
                    ? ValueRanges.scan(layouts) : ValueRanges.none();
            Map<String, ChannelDefinition> defs = new LinkedHashMap<>();
            List<ChannelDefinition[]> perFile = new ArrayList<>();
            for (CsvLayout layout : layouts) {
                perFile.add(definitions(layout, sidecar, ranges, defs));
            }
            long now = context.nowNanos();
            context.declareChannels(List.copyOf(defs.values()));
            context.sessionMetadata(metadata(layouts.get(0), sidecar, now));
            LOG.info("CSV replay started: {} file(s), {} channels, {} pacing", layouts.size(), defs.size(),
                    settings.realtime() ? "real-time" : "fast");
            Timeline timeline = new Timeline(now);
            CsvProgress tracker = new CsvProgress(sizes(layouts), settings.realtime());
            progress = tracker;
            List<Flux<SampleValue>> files = new ArrayList<>();
            for (int i = 0; i < layouts.size(); i++) {
                files.add(file(context, layouts.get(i), perFile.get(i), i == 0, timeline, tracker));
            }
            // Each operator is a hop for every sample: one file needs no concatenation.
            return files.size() == 1 ? files.get(0) : Flux.concat(files);
        });
    }

    private static boolean needsScan(List<CsvLayout> layouts, Sidecar sidecar) {
        return layouts.stream().flatMap(l -> l.channels().stream())
                .anyMatch(c -> sidecar.channel(c.name()).min() == null || sidecar.channel(c.name()).max() == null);
    }

    private ChannelDefinition[] definitions(CsvLayout layout, Sidecar sidecar, ValueRanges ranges,
                                            Map<String, ChannelDefinition> defs) {
        ChannelDefinition[] out = new ChannelDefinition[layout.channels().size()];
        for (int i = 0; i < out.length; i++) {
            Column c = layout.channels().get(i);
            out[i] = defs.computeIfAbsent(c.name(), name -> {
                ChannelMeta meta = sidecar.channel(name);
                double[] seen = ranges.of(name);
                double lo = meta.min() != null ? meta.min() : c.min() != null ? c.min() : seen != null ? seen[0] : 0;
                double hi = meta.max() != null ? meta.max() : c.max() != null ? c.max() : seen != null ? seen[1] : 1;
                if (lo == hi) {
                    lo -= 1;
                    hi += 1;
                }
                return ChannelDefinition.builder(name + ":" + settings.application())
                        .name(name)
                        .application(settings.application())
                        .units(meta.units() != null ? meta.units() : c.units())
                        .description(meta.description())
                        .group(meta.group())
                        .formatString(meta.format())
                        .range(lo, hi)
                        .frequencyHz(c.rateHz() > 0 ? c.rateHz() : layout.rateHz())
                        .build();
            });
        }
        return out;
    }

    private SessionMetadata metadata(CsvLayout first, Sidecar sidecar, long now) {
        SessionMetadata m = new SessionMetadata(Map.of(), null);
        Map<String, String> fields = new LinkedHashMap<>(first.metadata());
        fields.putAll(sidecar.session());
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String key = switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "track" -> SessionMetadata.TRACK;
                case "car" -> SessionMetadata.CAR;
                case "driver" -> SessionMetadata.DRIVER;
                case "session", "sessiontype", "session-type" -> SessionMetadata.SESSION_TYPE;
                default -> e.getKey();
            };
            m = m.with(key, e.getValue());
        }
        m = m.with(SessionMetadata.ORIGIN, first.label());
        m = m.with("format", first.shape().format());
        long start = first.absolute() ? first.firstTime() : base(first, true, null, now) + first.firstTime();
        return m.withStart(Instant.ofEpochSecond(0, start));
    }

    private long base(CsvLayout layout, boolean firstFile, Timeline timeline, long now) {
        long base;
        if (settings.start() != null) {
            base = toNanos(settings.start());
        } else if (layout.fileStart() != null) {
            base = toNanos(layout.fileStart());
        } else if (firstFile || timeline == null || timeline.last == Long.MIN_VALUE) {
            base = now;
        } else {
            base = timeline.last + intervalNanos(layout);
        }
        // Times of day count from midnight (UTC) of that day.
        return layout.timeFormat() == TimeFormat.CLOCK || layout.shape().sinceMidnight()
                ? base - Math.floorMod(base, TimeFormat.DAY_NANOS) : base;
    }

    private static long toNanos(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    private static long intervalNanos(CsvLayout layout) {
        return layout.rateHz() > 0 ? Math.round(1e9 / layout.rateHz()) : 1_000_000L;
    }

    private static long sizes(List<CsvLayout> layouts) {
        long total = 0;
        for (CsvLayout l : layouts) {
            try {
                total += Files.size(l.path());
            } catch (IOException e) {
                throw new CsvFileException(l.path() + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }
        return total;
    }

    private Flux<SampleValue> file(SourceContext context, CsvLayout layout, ChannelDefinition[] defs,
                                   boolean firstFile, Timeline timeline, CsvProgress tracker) {
        return Flux.defer(() -> {
            long base = base(layout, firstFile, timeline, timeline.subscribedAt);
            if (!layout.textColumns().isEmpty()) {
                context.report(new SourceProblem("text-column", layout.label() + ":1", "column(s) "
                        + String.join(", ", layout.textColumns()) + " hold text, not numbers; not replayed", 0));
            }
            for (String note : layout.renamed()) {
                context.report(new SourceProblem("duplicate-column", layout.label() + ":1", note, 0));
            }
            LOG.info("Replaying {}: {} channels, {}, delimiter '{}', decimal '{}'{}", layout.path(),
                    defs.length, layout.time() == null ? "rows at " + layout.rateHz() + " Hz"
                            : "time column '" + layout.time().name() + "' in " + layout.timeFormat().word(),
                    layout.delimiter() == '\t' ? "\\t" : String.valueOf(layout.delimiter()), layout.decimal(),
                    layout.unitsRow() ? ", units row" : "");
            Flux<Row> rows = Flux.using(
                    () -> new RowReader(layout, base, intervalNanos(layout),
                            new ProblemLog(layout.label(), settings.reportLimit(), context::report), tracker.bytes()),
                    reader -> Flux.<Row>generate(sink -> {
                        Row row = reader.next();
                        if (row == null) {
                            sink.complete();
                        } else {
                            sink.next(row);
                        }
                    }),
                    RowReader::close);
            rows = rows.doOnNext(r -> {
                timeline.last = r.timeNanos();
                tracker.row(r.timeNanos());
            });
            if (settings.realtime()) {
                rows = RealTimePacer.pace(rows.map(timeline::retime), Row::timeNanos, context);
            }
            // Logged when the last row is read, just before its samples go: a hop per row, not per sample.
            return rows.doOnComplete(() -> LOG.info("Replayed {}", layout.path()))
                    .concatMapIterable(r -> samples(r, defs));
        });
    }

    /**
     * The row's samples, made as they are taken: no list per row (at 20 channels of 1 kHz, the list and its array
     * were a tenth of the replay's garbage).
     */
    private static Iterable<SampleValue> samples(Row row, ChannelDefinition[] defs) {
        double[] v = row.values();
        return () -> new Iterator<>() {
            private int i = skipAbsent(0);

            private int skipAbsent(int from) {
                int at = from;
                while (at < v.length && v[at] == Row.ABSENT) {
                    at++;
                }
                return at;
            }

            @Override
            public boolean hasNext() {
                return i < v.length;
            }

            @Override
            public SampleValue next() {
                if (i >= v.length) {
                    throw new NoSuchElementException();
                }
                SampleValue s = Double.isNaN(v[i]) ? SampleValue.missing(defs[i], row.timeOf(i))
                        : SampleValue.of(defs[i], row.timeOf(i), v[i]);
                i = skipAbsent(i + 1);
                return s;
            }
        };
    }

    /** Per subscription: when it began, the first file time seen (for re-timing) and the last. */
    private static final class Timeline {
        final long subscribedAt;
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;

        Timeline(long subscribedAt) {
            this.subscribedAt = subscribedAt;
        }

        Row retime(Row r) {
            if (first == Long.MIN_VALUE) {
                first = r.timeNanos();
            }
            return new Row(r.line(), subscribedAt + (r.timeNanos() - first), r.values(), r.offsets());
        }
    }
}
