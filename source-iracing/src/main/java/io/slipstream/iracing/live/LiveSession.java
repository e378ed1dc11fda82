package io.slipstream.iracing.live;

import io.slipstream.iracing.layout.IrsdkHeader;
import io.slipstream.iracing.layout.LayoutException;
import io.slipstream.iracing.layout.VarTable;
import io.slipstream.spi.SourceProblem;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state machine (spec §2.5, §9.5): not running (look again every reconnect interval) → mapped but idle
 * (status 0, wait on the event) → connected (wait on the event, read each new tick) → gone (status 0, tick going
 * back, or no tick for the stale time) → close everything, then end or start over as configured.
 *
 * <p>{@link #run()} blocks its thread until the session ends or {@link #stop()} is called; it never polls on a
 * timer while connected, only waits on the sim's event.
 */
public final class LiveSession {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);
    private static final String WHERE = "iRacing shared memory";

    private final SimConnector connector;
    private final LiveSettings settings;
    private final LongSupplier clock;
    private final LiveListener listener;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private long rows;
    private long tornReads;

    /**
     * @param connector opens the sim's map and event
     * @param settings  waits and exit policy
     * @param clock     read time in ns since the Unix epoch
     * @param listener  receives rows and events
     */
    public LiveSession(SimConnector connector, LiveSettings settings, LongSupplier clock, LiveListener listener) {
        this.connector = connector;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    /** Asks {@link #run()} to return soon; safe from any thread. */
    public void stop() {
        stopped.countDown();
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Runs until the session ends (sim gone with end-on-exit) or {@link #stop()}.
     *
     * @throws InterruptedException when the thread is interrupted
     */
    public void run() throws InterruptedException {
        boolean announced = false;
        while (!isStopped()) {
            Optional<SimLink> opened = connector.open();
            if (opened.isEmpty()) {
                listener.waiting(LiveState.WAITING_FOR_SIM);
                if (!announced) {
                    LOG.info("iRacing is not running; waiting for it to start (checking every {})",
                            settings.reconnectInterval());
                    announced = true;
                }
                stopped.await(settings.reconnectInterval().toNanos(), TimeUnit.NANOSECONDS);
                continue;
            }
            announced = false;
            String reason;
            try (SimLink link = opened.get()) {
                reason = serve(link);
            }
            if (reason == null) {
                return;
            }
            LOG.info("iRacing session ended: {}", reason);
            listener.disconnected(reason);
            if (settings.endOnExit()) {
                return;
            }
        }
    }

    /** @return why the link ended, or null when stopped */
    private String serve(SimLink link) throws InterruptedException {
        ByteBuffer view = link.memory().view();
        DataValidSignal signal = link.signal();
        boolean idleAnnounced = false;
        while (!IrsdkHeader.read(view, WHERE).connected()) {
            listener.waiting(LiveState.WAITING_FOR_SESSION);
            if (!idleAnnounced) {
                LOG.info("iRacing is running but not in a session; waiting for one");
                idleAnnounced = true;
            }
            signal.await(settings.waitTimeout());
            if (isStopped()) {
                return null;
            }
        }
        while (true) {
            IrsdkHeader header = IrsdkHeader.read(view, WHERE);
            VarTable vars;
            try {
                header.validate(view.limit(), WHERE);
                vars = VarTable.read(view, header, WHERE);
            } catch (LayoutException e) {
                listener.problem(new SourceProblem("bad-layout", WHERE + " offset " + e.offset(), e.getMessage(), 0));
                return "the shared memory does not follow the iRacing layout: " + e.getMessage();
            }
            LOG.info("connected to iRacing: {} variables, {} Hz, {} buffers of {} bytes", vars.size(),
                    header.tickRate(), header.numBuf(), header.bufLen());
            listener.connected(header, vars);
            String reason = readRows(view, signal, header);
            if (!"layout".equals(reason)) {
                return reason;
            }
            LOG.info("iRacing changed its variable layout; re-reading it");
        }
    }

    private String readRows(ByteBuffer view, DataValidSignal signal, IrsdkHeader header) throws InterruptedException {
        LiveRowReader reader = new LiveRowReader(view, header);
        int infoVersion = Integer.MIN_VALUE;
        long lastData = clock.getAsLong();
        long staleNanos = settings.staleAfter().toNanos();
        int lastTorn = Integer.MIN_VALUE;
        while (!isStopped()) {
            LivePoll poll = reader.poll();
            if (poll instanceof LivePoll.NewRow r) {
                long now = clock.getAsLong();
                int update = view.getInt(12);
                if (update != infoVersion) {
                    byte[] yaml = copySessionInfo(view, header);
                    if (yaml != null) {
                        infoVersion = update;
                        listener.sessionInfo(yaml);
                    }
                }
                rows++;
                listener.row(reader.row(), r.tick(), now);
                lastData = now;
            } else if (poll instanceof LivePoll.NoNewData) {
                if (clock.getAsLong() - lastData > staleNanos) {
                    return "no new data for " + settings.staleAfter().toSeconds() + " s";
                }
                signal.await(settings.waitTimeout());
            } else if (poll instanceof LivePoll.Torn t) {
                if (t.tick() != lastTorn) {
                    tornReads++;
                    lastTorn = t.tick();
                    listener.problem(new SourceProblem("torn-read", WHERE + " tick " + t.tick(),
                            "the row changed while it was copied, twice; tick skipped", 0));
                }
                signal.await(settings.waitTimeout()); // let the sim finish the row rather than spin on it
            } else if (poll instanceof LivePoll.NotConnected) {
                return "iRacing left the session (status 0)";
            } else if (poll instanceof LivePoll.TickWentBack b) {
                return "tick count went back from " + b.lastTick() + " to " + b.newestTick()
                        + " (the sim restarted or a new session began)";
            } else {
                return "layout";
            }
        }
        return null;
    }

    /** Copies the YAML up to its NUL, accepting it only if {@code sessionInfoUpdate} held still meanwhile. */
    private static byte[] copySessionInfo(ByteBuffer view, IrsdkHeader header) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int before = view.getInt(12);
            int len = 0;
            int start = header.sessionInfoOffset();
            while (len < header.sessionInfoLen() && view.get(start + len) != 0) {
                len++;
            }
            byte[] yaml = new byte[len];
            view.get(start, yaml);
            if (view.getInt(12) == before) {
                return yaml;
            }
        }
        return null;
    }

    /** @return rows delivered so far */
    public long rows() {
        return rows;
    }

    /** @return ticks skipped because the copy tore */
    public long tornReads() {
        return tornReads;
    }
}
