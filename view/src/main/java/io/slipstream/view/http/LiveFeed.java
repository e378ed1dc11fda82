package io.slipstream.view.http;

import io.javalin.http.sse.SseClient;
import io.slipstream.view.ViewException;
import io.slipstream.view.ViewService;
import io.slipstream.view.index.SessionIndex;
import io.slipstream.view.index.SessionSummary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for sessions a page follows: a few times a second, each open stream whose session grew gets
 * one {@code grew} event with the new end time and packet count (and {@code ended} once its EndOfSession lands).
 * One event per tick at most, however fast packets arrive, so a fast session cannot flood a slow browser; the
 * number of open streams is bounded.
 */
final class LiveFeed implements AutoCloseable {

    /** The most pages that may follow at once. */
    static final int MAX_CLIENTS = 64;
    /** How often a stream is looked at. */
    static final long TICK_MILLIS = 400;

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final ViewService service;
    private final Map<SseClient, Follow> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "view-live");
        t.setDaemon(true);
        return t;
    });

    LiveFeed(ViewService service) {
        this.service = service;
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One followed session and what its page was last told. */
    private static final class Follow {
        final SessionIndex session;
        long packets = -1;
        boolean ended;

        Follow(SessionIndex session) {
            this.session = session;
        }
    }

    void open(SseClient client, String dataSource, String key) {
        if (clients.size() >= MAX_CLIENTS) {
            client.sendEvent("error", ViewJson.error("more than " + MAX_CLIENTS + " pages follow sessions; close one"));
            client.close();
            return;
        }
        SessionIndex session;
        try {
            session = service.session(dataSource, key);
        } catch (ViewException e) {
            client.sendEvent("error", ViewJson.error(e.getMessage()));
            client.close();
            return;
        }
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.put(client, new Follow(session));
        send(client, clients.get(client));
    }

    private void tick() {
        clients.forEach((client, follow) -> {
            try {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    send(client, follow);
                }
            } catch (RuntimeException e) {
                LOG.debug("dropping a live stream: {}", e.toString());
                clients.remove(client);
            }
        });
    }

    private void send(SseClient client, Follow follow) {
        if (follow == null) {
            return;
        }
        SessionSummary s = follow.session.summary();
        if (s.packets() == follow.packets && !s.live() == follow.ended) {
            return;
        }
        follow.packets = s.packets();
        follow.ended = !s.live();
        client.sendEvent(s.live() ? "grew" : "ended", ViewJson.write(Map.of(
                "end", s.last() == 0 ? 0 : ViewJson.seconds(s.last()),
                "packets", s.packets(),
                "live", s.live())));
    }

    /** @return how many pages follow now */
    int followers() {
        return clients.size();
    }

    @Override
    public void close() {
        // The streams end with the server that holds them; closing one here after the server stopped makes
        // Javalin loop on the error of completing a finished request.
        ticker.shutdownNow();
        clients.clear();
    }
}
