package io.slipstream.view.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.slipstream.view.ViewException;
import io.slipstream.view.ViewService;
import io.slipstream.view.Verdict;
import io.slipstream.view.index.ChannelInfo;
import io.slipstream.view.index.DataSourceIndex;
import io.slipstream.view.index.SessionIndex;
import io.slipstream.view.series.Block;
import io.slipstream.view.series.ChannelSeries;
import io.slipstream.view.series.Decimated;
import io.slipstream.view.series.Decimator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view's routes on the app's one Javalin server: the page (static files from this jar, uPlot from its WebJar)
 * and the JSON endpoints it uses, which scripts can use too. Every error is JSON {@code {"error": ...}} naming
 * what was asked and what was expected, with 400 (bad parameter), 404 (unknown data source, session or channel)
 * or 503 (Kafka cannot be reached).
 */
public final class ViewRoutes implements AutoCloseable {

    /** Where the JSON endpoints live. */
    public static final String API = "/api";
    /** The default plot width in pixels, when a request names none. */
    static final int DEFAULT_WIDTH = 1000;
    /** The longest channel search accepted: longer than any channel name. */
    static final int MAX_SEARCH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(ViewRoutes.class);
    /** The latest time a range may name, in seconds: nanoseconds since 1970 fit a long until 2262. */
    private static final BigDecimal LATEST = BigDecimal.valueOf(9_200_000_000L);
    private static final String SESSION = API + "/datasources/{ds}/sessions/{key}";

    private final ViewService service;
    private final LiveFeed live;

    /** @param service what answers */
    public ViewRoutes(ViewService service) {
        this.service = service;
        this.live = new LiveFeed(service);
    }

    /** @param config the server being built: gets the view's routes and static files */
    public void routes(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/io/slipstream/view/web";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.get(API + "/datasources", ctx -> json(ctx, Map.of("source", service.describe(),
                "dataSources", service.dataSources())));
        config.routes.get(API + "/datasources/{ds}/sessions", this::sessions);
        config.routes.get(SESSION + "/channels", this::channels);
        config.routes.get(SESSION + "/series", this::series);
        config.routes.get(SESSION + "/marks", ctx -> {
            SessionIndex s = session(ctx);
            json(ctx, ViewJson.marks(s.markers(), s.events()));
        });
        config.routes.get(SESSION + "/violations", ctx -> json(ctx,
                ViewJson.verdict(service.verdict(ctx.pathParam("ds"), ctx.pathParam("key")))));
        config.routes.sse(SESSION + "/live", client -> live.open(client, client.ctx().pathParam("ds"),
                client.ctx().pathParam("key")));
        config.routes.exception(ViewException.class, (e, ctx) -> {
            ctx.status(e.status()).contentType("application/json").result(ViewJson.error(e.getMessage()));
        });
        config.routes.exception(RuntimeException.class, (e, ctx) -> {
            LOG.warn("view request {} failed", ctx.path(), e);
            ctx.status(500).contentType("application/json").result(ViewJson.error(
                    "the view failed on " + ctx.path() + ": " + e));
        });
    }

    private void sessions(Context ctx) {
        String ds = ctx.pathParam("ds");
        DataSourceIndex index = service.index(ds);
        Map<String, Verdict> verdicts = service.verdicts(ds);
        List<Map<String, Object>> list = new ArrayList<>();
        for (SessionIndex s : index.sessions()) {
            list.add(ViewJson.session(s.summary(), verdicts.getOrDefault(s.key(), Verdict.live())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataSource", ds);
        out.put("complete", index.caughtUp());
        out.put("records", index.records());
        out.put("notShown", index.dropped());
        out.put("sessions", list);
        json(ctx, out);
    }

    private void channels(Context ctx) {
        SessionIndex s = session(ctx);
        Map<String, Long> samples = s.samplesPerChannel();
        String search = ctx.queryParam("search");
        if (search != null && search.length() > MAX_SEARCH) {
            throw ViewException.badRequest("query parameter 'search' must be at most " + MAX_SEARCH
                    + " characters, not " + search.length());
        }
        String needle = search == null ? "" : search.toLowerCase(Locale.ROOT);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChannelInfo c : s.channels()) {
            if (needle.isEmpty() || c.id().toLowerCase(Locale.ROOT).contains(needle)
                    || c.name().toLowerCase(Locale.ROOT).contains(needle)
                    || c.description().toLowerCase(Locale.ROOT).contains(needle)) {
                list.add(ViewJson.channel(c, samples.getOrDefault(c.id(), 0L)));
            }
        }
        json(ctx, Map.of("session", s.key(), "channels", list));
    }

    private void series(Context ctx) {
        SessionIndex s = session(ctx);
        String channel = ctx.queryParam("channel");
        if (channel == null || channel.isEmpty()) {
            throw ViewException.badRequest("query parameter 'channel' is required: a channel identifier of session "
                    + s.key() + " (see .../channels)");
        }
        if (!s.declares(channel)) {
            throw ViewException.notFound("session " + s.key() + " has no channel '" + channel + "'");
        }
        ChannelSeries series = s.series(channel);
        List<Block> blocks = series == null ? List.of() : series.blocks();
        long first = series == null ? 0 : series.first();
        long last = series == null ? 1 : series.last();
        long from = seconds(ctx, "from", first);
        long to = seconds(ctx, "to", last + 1);
        if (to <= from) {
            throw ViewException.badRequest("query parameters 'from' and 'to' must give a range that ends after it "
                    + "starts; got from " + ctx.queryParam("from") + " to " + ctx.queryParam("to"));
        }
        int width = width(ctx);
        String units = s.channels().stream().filter(c -> c.id().equals(channel)).map(ChannelInfo::units)
                .findFirst().orElse("");
        Decimated d = Decimator.decimate(blocks, from, to, width);
        json(ctx, ViewJson.series(channel, units, d));
    }

    private SessionIndex session(Context ctx) {
        return service.session(ctx.pathParam("ds"), ctx.pathParam("key"));
    }

    private static long seconds(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            // From the text, not a double: at 1.7e9 s a double is off by up to 200 ns, enough to move a range end
            // across a sample.
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0 || seconds.compareTo(LATEST) > 0) {
                throw new NumberFormatException();
            }
            return seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw ViewException.badRequest("query parameter '" + name + "' must be seconds since the Unix epoch "
                    + "(e.g. 1764633600.25), not '" + text + "'");
        }
    }

    private static int width(Context ctx) {
        String text = ctx.queryParam("width");
        if (text == null || text.isEmpty()) {
            return DEFAULT_WIDTH;
        }
        try {
            int w = Integer.parseInt(text);
            if (w >= 1 && w <= Decimator.MAX_BUCKETS) {
                return w;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw ViewException.badRequest("query parameter 'width' must be a pixel count from 1 to "
                + Decimator.MAX_BUCKETS + ", not '" + text + "'");
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(ViewJson.write(body));
    }

    @Override
    public void close() {
        live.close();
    }
}
