package io.slipstream.iracing;

import io.slipstream.iracing.channels.ChannelSelection;
import io.slipstream.iracing.events.RowEvents;
import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.VarHeader;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.iracing.live.LiveListener;
import io.slipstream.iracing.live.LivePoll;
import io.slipstream.iracing.live.LiveRowReader;
import io.slipstream.iracing.live.LiveSession;
import io.slipstream.iracing.live.LiveSettings;
import io.slipstream.iracing.live.LiveState;
import io.slipstream.iracing.live.MappedFileMemory;
import io.slipstream.iracing.live.SimConnector;
import io.slipstream.iracing.markers.LapDetector;
import io.slipstream.iracing.markers.PitDetector;
import io.slipstream.iracing.replay.IbtFile;
import io.slipstream.iracing.replay.IbtProgress;
import io.slipstream.spi.RealTimePacer;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SourceContext;
import io.slipstream.spi.SourceProblem;
import io.slipstream.spi.SourceProgress;
import io.slipstream.spi.TelemetrySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/** The iRacing source: .ibt replay, memory-dump replay, or the live sim, all through one parser. */
final class IracingSource implements TelemetrySource {

    private static final Logger LOG = LoggerFactory.getLogger(IracingSource.class);

    private final IracingOptions options;
    private final Supplier<SimConnector> liveConnector;
    private final LiveSettings liveSettings;
    /** The current .ibt replay's progress; null before one starts and for the live sim. */
    private volatile IbtProgress progress;
    /** The live sim's connection state; null before the live source starts and for replays. */
    private volatile LiveState liveState;

    IracingSource(IracingOptions options, Supplier<SimConnector> liveConnector, LiveSettings liveSettings) {
        this.options = options;
        this.liveConnector = liveConnector;
        this.liveSettings = liveSettings;
    }

    @Override
    public Flux<SampleValue> samples(SourceContext context) {
        return Flux.defer(() -> switch (resolveMode()) {
            case IBT -> replayIbt(context);
            case MEMDUMP -> replayDump(context);
            default -> live(context);
        });
    }

    @Override
    public Optional<SourceProgress> progress() {
        IbtProgress p = progress;
        if (p != null) {
            return Optional.of(p.snapshot());
        }
        LiveState l = liveState;
        return l == null ? Optional.empty() : Optional.of(l.snapshot());
    }

    private IracingOptions.Mode resolveMode() {
        if (options.mode() != IracingOptions.Mode.AUTO) {
            return options.mode();
        }
        if (options.file() == null) {
            return IracingOptions.Mode.LIVE;
        }
        try (FileChannel ch = FileChannel.open(options.file(), StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(IrsdkHeader.SIZE);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // read until the header is complete or the file ends
            }
            head.flip();
            String name = options.file().getFileName().toString();
            IrsdkHeader h = IrsdkHeader.read(head, name);
            // A disk file has one buffer; the live map (and so a dump of it) has three.
            return h.numBuf() > 1 ? IracingOptions.Mode.MEMDUMP : IracingOptions.Mode.IBT;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + options.file(), e);
        }
    }

    private Flux<SampleValue> replayIbt(SourceContext context) {
        Path path = options.file();
        return Flux.using(() -> IbtFile.open(path), ibt -> {
            IrsdkHeader header = ibt.header();
            VarTable vars = ibt.vars();
            RowProcessor processor = prepare(context, vars, header.tickRate(), ibt.name(), new LapDetector(),
                    new PitDetector());
            VarHeader sessionTime = vars.get("SessionTime");
            ByteBuffer bytes = ibt.bytes();
            int rows = ibt.rowCount();
            double firstTime = rows > 0 && sessionTime != null ? bytes.getDouble(ibt.rowStart(0) + sessionTime.offset()) : 0;
            long startDate = ibt.subHeader().sessionStartDate();
            long nowBase = context.nowNanos();
            long stampBase = options.retimeToNow() || startDate <= 0 ? nowBase : startDate * 1_000_000_000L;
            Instant start = Instant.ofEpochSecond(0, stampBase);
            SessionMetadataTracker metadata = new SessionMetadataTracker(context, ibt.name(), start);
            metadata.layout(vars);
            if (rows > 0) {
                metadata.row(bytes, ibt.rowStart(0)); // so that the first metadata already names row 0's session
            }
            metadata.sessionInfo(ibt.sessionInfoBytes());
            LOG.info("replaying {}: {} rows at {} Hz, {} variables ({} pacing, timestamps from {})", ibt.name(),
                    rows, header.tickRate(), vars.size(), options.realtime() ? "real-time" : "fast",
                    stampBase == nowBase ? "now" : "the session start");
            if (ibt.partialRowBytes() > 0) {
                context.report(new SourceProblem("truncated-row", ibt.name() + " offset " + ibt.rowStart(rows),
                        "the last " + ibt.partialRowBytes() + " bytes are an unfinished row and were ignored", 0));
            }
            long span = rows > 0 ? offsetNanos(bytes, ibt.rowStart(rows - 1), sessionTime, firstTime, rows - 1, header) : 0;
            IbtProgress tracker = new IbtProgress(ibt, bytes.limit(), span, options.realtime());
            progress = tracker;
            Flux<Integer> indices = Flux.range(0, rows);
            if (options.realtime()) {
                indices = RealTimePacer.pace(indices,
                        r -> nowBase + offsetNanos(bytes, ibt.rowStart(r), sessionTime, firstTime, r, header), context);
            }
            return indices.concatMapIterable(r -> {
                metadata.row(bytes, ibt.rowStart(r));
                long offset = offsetNanos(bytes, ibt.rowStart(r), sessionTime, firstTime, r, header);
                tracker.row(r, offset);
                return processor.process(bytes, ibt.rowStart(r), stampBase + offset);
            });
        }, IracingSource::closeQuietly);
    }

    /** A row's time after the first: by SessionTime when the file has it, else by row count and tick rate. */
    private static long offsetNanos(ByteBuffer bytes, int rowStart, VarHeader sessionTime, double firstTime, int row,
                                    IrsdkHeader header) {
        if (sessionTime == null) {
            return Math.round(row * 1e9 / header.tickRate());
        }
        return Math.round((bytes.getDouble(rowStart + sessionTime.offset()) - firstTime) * 1e9);
    }

    private Flux<SampleValue> replayDump(SourceContext context) {
        Path path = options.file();
        String name = path.getFileName().toString();
        return Flux.using(() -> MappedFileMemory.open(path), memory -> {
            ByteBuffer view = memory.view();
            IrsdkHeader header = IrsdkHeader.read(view, name);
            header.validate(view.limit(), name);
            VarTable vars = VarTable.read(view, header, name);
            RowProcessor processor = prepare(context, vars, header.tickRate(), name, new LapDetector(),
                    new PitDetector());
            long now = context.nowNanos();
            new SessionMetadataTracker(context, name, Instant.ofEpochSecond(0, now))
                    .sessionInfo(liveYaml(view, header));
            LiveRowReader reader = new LiveRowReader(view, header);
            LivePoll poll = reader.poll();
            if (poll instanceof LivePoll.NewRow row) {
                LOG.info("replaying {}: a live-memory dump, newest buffer tick {}", name, row.tick());
                return Flux.fromIterable(processor.process(reader.row(), 0, now));
            }
            context.report(new SourceProblem("no-row", name, "the dump holds no readable row: " + poll, 0));
            return Flux.<SampleValue>empty();
        }, MappedFileMemory::close);
    }

    private Flux<SampleValue> live(SourceContext context) {
        return Flux.create(sink -> {
            LiveState state = new LiveState(context::nowNanos);
            liveState = state;
            LapDetector laps = new LapDetector();
            PitDetector pits = new PitDetector();
            LiveListener listener = new LiveListener() {
                private RowProcessor processor;
                private SessionMetadataTracker metadata;

                @Override
                public void connected(IrsdkHeader h, VarTable vars) {
                    state.enter(LiveState.CONNECTED);
                    processor = prepare(context, vars, h.tickRate(), "iRacing live", laps, pits);
                    if (metadata == null) {
                        metadata = new SessionMetadataTracker(context, "iRacing live",
                                Instant.ofEpochSecond(0, context.nowNanos()));
                    }
                    metadata.layout(vars);
                }

                @Override
                public void sessionInfo(byte[] yaml) {
                    metadata.sessionInfo(yaml);
                }

                @Override
                public void row(ByteBuffer row, int tick, long readNanos) {
                    metadata.row(row, 0);
                    List<SampleValue> values = processor.process(row, 0, readNanos);
                    // A live source never waits on the pipeline and never queues without bound: a row the
                    // pipeline has no room for is dropped whole, and counted.
                    if (sink.requestedFromDownstream() < values.size()) {
                        context.report(new SourceProblem("row-dropped", "iRacing live tick " + tick,
                                "the pipeline took no more samples; this row's " + values.size() + " were dropped",
                                values.size()));
                        return;
                    }
                    values.forEach(sink::next);
                }

                @Override
                public void waiting(String what) {
                    state.enter(what);
                }

                @Override
                public void disconnected(String reason) {
                    state.enter(LiveState.WAITING_FOR_SIM);
                    laps.reset();
                    pits.reset();
                    context.report(new SourceProblem("disconnected", "iRacing live", reason, 0));
                }

                @Override
                public void problem(SourceProblem problem) {
                    context.report(problem);
                }

            };
            LiveSession session = new LiveSession(liveConnector.get(), liveSettings, context::nowNanos, listener);
            Thread reader = new Thread(() -> {
                try {
                    session.run();
                    sink.complete();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    sink.complete();
                } catch (RuntimeException e) {
                    sink.error(e);
                }
            }, "iracing-live");
            reader.setDaemon(true);
            sink.onDispose(session::stop);
            reader.start();
        }, FluxSink.OverflowStrategy.IGNORE);
    }

    /**
     * Resolves the channels and events for a layout, warns about missing channels, declares both and returns a
     * processor.
     */
    private RowProcessor prepare(SourceContext context, VarTable vars, int tickRate, String where, LapDetector laps,
                                 PitDetector pits) {
        ChannelSelection selection = ChannelSelection.resolve(vars, options.channels(), tickRate);
        for (String missing : selection.missing()) {
            LOG.warn("{}: variable {} named by the channels option is not in this car's telemetry; the other "
                    + "channels carry on", where, missing);
            context.report(new SourceProblem("missing-variable", where + ", channels option",
                    "variable " + missing + " is not in this car's telemetry; the other channels carry on", 0));
        }
        RowEvents events = declare(context, RowEvents.of(vars, where), where);
        RowProcessor processor = new RowProcessor(vars, selection, tickRate, laps, pits, events);
        context.declareChannels(processor.definitions());
        return processor;
    }

    /**
     * Declares a layout's events, all of them up front so that the configuration stays the same all session.
     * An engine older than events refuses them; the samples still flow, without events.
     */
    private static RowEvents declare(SourceContext context, RowEvents events, String where) {
        if (events.definitions().isEmpty()) {
            return events;
        }
        try {
            context.declareEvents(events.definitions());
            return events;
        } catch (UnsupportedOperationException e) {
            LOG.warn("{}: this engine takes no events, so the {} iRacing events (flags, engine warnings, incidents)"
                    + " are not sent: {}", where, events.definitions().size(), e.getMessage());
            return RowEvents.none();
        }
    }

    private static byte[] liveYaml(ByteBuffer view, IrsdkHeader header) {
        byte[] yaml = new byte[header.sessionInfoLen()];
        view.duplicate().order(ByteOrder.LITTLE_ENDIAN).get(header.sessionInfoOffset(), yaml);
        return yaml;
    }

    private static void closeQuietly(IbtFile ibt) {
        try {
            ibt.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed: {}", ibt.name(), e.toString());
        }
    }

}
