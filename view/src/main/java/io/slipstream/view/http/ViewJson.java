package io.slipstream.view.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipstream.atlaskafka.inspect.Violation;
import io.slipstream.view.Verdict;
import io.slipstream.view.index.ChannelInfo;
import io.slipstream.view.index.EventMark;
import io.slipstream.view.index.MarkerMark;
import io.slipstream.view.index.SessionSummary;
import io.slipstream.view.series.Decimated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the endpoints. Times go out as seconds since the Unix epoch (a double keeps microseconds,
 * and a browser cannot hold nanoseconds since 1970 in a number), with ISO text where a person reads them.
 */
final class ViewJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ViewJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1_000_000_000L + (nanos % 1_000_000_000L) / 1e9;
    }

    static Map<String, Object> session(SessionSummary s, Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", s.key());
        m.put("identifier", s.identifier());
        m.put("type", s.type());
        m.put("start", s.start() == 0 ? null : seconds(s.start()));
        m.put("startText", s.start() == 0 ? null : Instant.ofEpochSecond(0, s.start()).toString());
        m.put("end", s.last() == 0 ? null : seconds(s.last()));
        m.put("durationSeconds", s.durationNanos() / 1e9);
        m.put("live", s.live());
        m.put("channels", s.channels());
        m.put("packets", s.packets());
        m.put("verdict", v.state());
        m.put("violations", v.violations().size());
        m.put("notShown", s.dropped());
        return m;
    }

    static Map<String, Object> channel(ChannelInfo c, long samples) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("units", c.units());
        m.put("description", c.description());
        m.put("min", c.min());
        m.put("max", c.max());
        m.put("frequency", c.frequency());
        m.put("samples", samples);
        return m;
    }

    static Map<String, Object> series(String channel, String units, Decimated d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", channel);
        m.put("units", units);
        m.put("from", seconds(d.from()));
        m.put("to", seconds(d.to()));
        m.put("buckets", d.buckets());
        m.put("samples", d.samples());
        m.put("raw", d.raw());
        double[] t = new double[d.time().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = seconds(d.time()[i]);
        }
        m.put("t", t);
        m.put("min", d.min());
        m.put("max", d.max());
        return m;
    }

    static Map<String, Object> marks(List<MarkerMark> markers, List<EventMark> events) {
        List<Map<String, Object>> ms = new ArrayList<>();
        for (MarkerMark k : markers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", seconds(k.time()));
            m.put("endTime", k.endTime() == 0 ? null : seconds(k.endTime()));
            m.put("label", k.label());
            m.put("type", k.type());
            m.put("description", k.description());
            ms.add(m);
        }
        List<Map<String, Object>> es = new ArrayList<>();
        for (EventMark e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", seconds(e.time()));
            m.put("identifier", e.identifier());
            m.put("name", e.name());
            m.put("values", e.values());
            es.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("markers", ms);
        out.put("events", es);
        return out;
    }

    static Map<String, Object> verdict(Verdict v) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Violation x : v.violations()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", x.rule());
            m.put("stream", x.stream());
            m.put("offset", x.offset());
            m.put("packetId", x.packetId());
            m.put("message", x.message());
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", v.state());
        out.put("violations", list);
        return out;
    }

    static String error(String message) {
        return write(Map.of("error", message));
    }
}
