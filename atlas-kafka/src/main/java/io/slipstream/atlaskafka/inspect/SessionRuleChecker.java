package io.slipstream.atlaskafka.inspect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.EndOfSessionPacket;
import ma.streaming.open_data.v1.ErrorPacket;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.MetadataPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleColumn;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SessionInfoPacket;
import ma.streaming.open_data.v1.SynchroDataPacket;

/**
 * The oracle for a session on Kafka: checks ARCHITECTURE.md rules 1–5 and 7 as far as they can be seen in what
 * landed, and the rules of rows ({@link RowRules}), events ({@link EventRules}) and split configurations
 * ({@link SplitConfigurations}). Records are grouped by Kafka key (the session key) and, within a session, by stream
 * in offset order. Data-format ids resolve through the {@code DataFormatDefinition} records the Stream API writes
 * (key "").
 */
public final class SessionRuleChecker {

    /** Rule names used in violations. */
    public static final String ORDER = "rule 1: session order";
    /** One group per configuration. */
    public static final String ONE_GROUP = "rule 2: one GroupDefinition per configuration";
    /** Unique config ids. */
    public static final String UNIQUE_CONFIG = "rule 2: unique config ids";
    /** Configuration before data. */
    public static final String CONFIG_FIRST = "rule 2: configuration before data";
    /** Gapless blocks. */
    public static final String GAPLESS = "rule 3: gapless blocks";
    /** Markers inside data. */
    public static final String MARKERS = "rule 4: markers inside data already sent";
    /** Packet ids. */
    public static final String IDS = "rule 5: packet ids";
    /** Packet types. */
    public static final String TYPES = "rule 5: packet types";
    /** Per-stream order. */
    public static final String STREAM_ORDER = "rule 7: order per stream";
    /** A split configuration's parts. */
    public static final String SPLIT_CONFIG = "rule 2: split configuration complete";
    /** Row shape. */
    public static final String ROW_VALUES = "rows: one timestamp per row, one value per parameter";
    /** Row times. */
    public static final String ROW_TIME = "rows: times never go backwards";
    /** Events defined. */
    public static final String EVENT_DEFINED = "events: defined by an earlier configuration";

    private static final Map<String, Parser<? extends MessageLite>> TYPES_BY_NAME = Map.ofEntries(
            Map.entry("NewSession", NewSessionPacket.parser()),
            Map.entry("EndOfSession", EndOfSessionPacket.parser()),
            Map.entry("SessionInfo", SessionInfoPacket.parser()),
            Map.entry("Configuration", ConfigurationPacket.parser()),
            Map.entry("DataFormatDefinition", DataFormatDefinitionPacket.parser()),
            Map.entry("PeriodicData", PeriodicDataPacket.parser()),
            Map.entry("RowData", RowDataPacket.parser()),
            Map.entry("SynchroData", SynchroDataPacket.parser()),
            Map.entry("Marker", MarkerPacket.parser()),
            Map.entry("Event", EventPacket.parser()),
            Map.entry("Metadata", MetadataPacket.parser()),
            Map.entry("Error", ErrorPacket.parser()));

    /**
     * @param packets    what was read from a data source's topics
     * @param sessionKey the session to check, or null for every session found
     * @return the violations, empty when every rule holds
     */
    public List<Violation> check(List<LandedPacket> packets, String sessionKey) {
        DataFormatRegistry formats = DataFormatRegistry.of(packets);
        Map<String, Map<String, List<LandedPacket>>> sessions = new LinkedHashMap<>();
        for (LandedPacket p : packets) {
            if (p.key() == null || p.key().isEmpty() || p.essentialsTopic()
                    || (sessionKey != null && !sessionKey.equals(p.key()))) {
                continue;
            }
            sessions.computeIfAbsent(p.key(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.stream(), k -> new ArrayList<>()).add(p);
        }
        List<Violation> out = new ArrayList<>();
        if (sessionKey != null && sessions.isEmpty()) {
            out.add(new Violation(ORDER, "", -1, -1, "no packet of session " + sessionKey + " was found"));
        }
        sessions.forEach((key, streams) -> new Session(key, streams, formats, out).check());
        return out;
    }

    /** The checks of one session. */
    private static final class Session {
        private final String key;
        private final Map<String, List<LandedPacket>> streams;
        private final DataFormatRegistry formats;
        private final List<Violation> out;

        Session(String key, Map<String, List<LandedPacket>> streams, DataFormatRegistry formats,
                List<Violation> out) {
            this.key = key;
            this.streams = streams;
            this.formats = formats;
            this.out = out;
        }

        private void add(String rule, String stream, LandedPacket p, String message) {
            out.add(new Violation(rule, stream, p == null ? -1 : p.offset(),
                    p == null || p.packet() == null ? -1 : p.packet().getId(), "session " + key + ": " + message));
        }

        void check() {
            Map<Long, Packet> byId = new HashMap<>();
            Map<String, Long> configIds = new HashMap<>();
            TreeSet<Long> ids = new TreeSet<>();
            if (!streams.containsKey("")) {
                add(ORDER, "", null, "the main stream \"\" carries no packet of the session "
                        + "(NewSession, configuration, markers and EndOfSession go to both streams)");
            }
            streams.forEach((stream, list) -> {
                checkStream(stream, list, configIds);
                for (LandedPacket p : list) {
                    if (p.packet() == null) {
                        continue;
                    }
                    long id = p.packet().getId();
                    ids.add(id);
                    Packet other = byId.putIfAbsent(id, p.packet());
                    if (other != null && !other.equals(p.packet())) {
                        add(IDS, stream, p, "packet id " + id + " is used by a different packet ("
                                + other.getType() + " and " + p.packet().getType() + ")");
                    }
                }
            });
            long expected = ids.isEmpty() ? 0 : ids.first();
            if (expected <= 0 && !ids.isEmpty()) {
                add(IDS, "", null, "packet ids start at " + expected + "; expected 1 or more");
            }
            for (long id : ids) {
                if (id != expected) {
                    add(IDS, "", null, "packet ids jump from " + (expected - 1) + " to " + id
                            + " over all streams: " + (id - expected) + " packets missing");
                }
                expected = id + 1;
            }
        }

        private void checkStream(String stream, List<LandedPacket> list, Map<String, Long> configIds) {
            Set<String> configured = new HashSet<>();
            Set<String> events = new HashSet<>();
            Report report = (rule, p, message) -> add(rule, stream, p, message);
            RowRules rows = new RowRules();
            EventRules eventRules = new EventRules(formats);
            SplitConfigurations splits = new SplitConfigurations();
            boolean anyConfig = false;
            long lastId = Long.MIN_VALUE;
            long dataStart = Long.MAX_VALUE;
            long dataLast = Long.MIN_VALUE;
            Map<String, Long> blockEnds = new HashMap<>();
            boolean ended = false;
            // Rows count as data for markers; events do not.
            boolean carriesData = list.stream().anyMatch(x -> x.packet() != null
                    && ("PeriodicData".equals(x.packet().getType()) || "RowData".equals(x.packet().getType())));
            for (int i = 0; i < list.size(); i++) {
                LandedPacket lp = list.get(i);
                Packet p = lp.packet();
                if (p == null) {
                    add(TYPES, stream, lp, "the record value is not a Packet");
                    continue;
                }
                if (p.getId() <= lastId) {
                    add(STREAM_ORDER, stream, lp, "packet id " + p.getId() + " after " + lastId
                            + (p.getId() == lastId ? " (duplicate)" : " (backwards)"));
                }
                lastId = Math.max(lastId, p.getId());
                if (i == 0 && !"NewSession".equals(p.getType())) {
                    add(ORDER, stream, lp, "the first packet is " + p.getType() + "; expected NewSession");
                }
                if (ended) {
                    add(ORDER, stream, lp, p.getType() + " after EndOfSession");
                }
                MessageLite content = parse(stream, lp);
                if (content == null) {
                    continue;
                }
                switch (p.getType()) {
                    case "EndOfSession" -> {
                        ended = true;
                        splits.end(lp, report);
                    }
                    case "Configuration" -> {
                        ConfigurationPacket c = (ConfigurationPacket) content;
                        anyConfig = true;
                        boolean laterPart = splits.accept(lp, c, report);
                        checkConfiguration(stream, lp, c, configIds, laterPart);
                        c.getParameterDefinitionsList().stream().map(ParameterDefinition::getIdentifier)
                                .forEach(configured::add);
                        c.getEventDefinitionsList().forEach(e -> events.add(e.getIdentifier()));
                    }
                    case "PeriodicData" -> {
                        PeriodicDataPacket d = (PeriodicDataPacket) content;
                        List<String> params = parameters(stream, lp, d.getDataFormat());
                        checkConfigured(stream, lp, params, anyConfig, configured);
                        long[] range = checkBlock(stream, lp, d, params, format(d.getDataFormat()), blockEnds);
                        if (range != null) {
                            dataStart = Math.min(dataStart, range[0]);
                            dataLast = Math.max(dataLast, range[1]);
                        }
                    }
                    case "RowData" -> {
                        RowDataPacket d = (RowDataPacket) content;
                        List<String> params = parameters(stream, lp, d.getDataFormat());
                        checkConfigured(stream, lp, params, anyConfig, configured);
                        long[] range = rows.check(lp, d, params, format(d.getDataFormat()), report);
                        if (range != null) {
                            dataStart = Math.min(dataStart, range[0]);
                            dataLast = Math.max(dataLast, range[1]);
                        }
                    }
                    case "Event" -> eventRules.check(lp, (EventPacket) content, events, report);
                    case "Marker" -> {
                        MarkerPacket m = (MarkerPacket) content;
                        if (carriesData && (m.getTimestamp() < dataStart || m.getTimestamp() > dataLast)) {
                            add(MARKERS, stream, lp, "marker '" + m.getLabel() + "' at " + m.getTimestamp()
                                    + " ns lies outside the data sent before it on this stream ["
                                    + (dataStart == Long.MAX_VALUE ? "none" : dataStart + " .. " + dataLast) + "]");
                        }
                    }
                    default -> { }
                }
            }
            if (!ended) {
                LandedPacket last = list.isEmpty() ? null : list.get(list.size() - 1);
                add(ORDER, stream, last, "the stream does not end with EndOfSession");
                splits.end(last, report);
            }
        }

        private MessageLite parse(String stream, LandedPacket lp) {
            String type = lp.packet().getType();
            Parser<? extends MessageLite> parser = TYPES_BY_NAME.get(type);
            if (parser == null) {
                add(TYPES, stream, lp, "unknown Packet.type '" + type + "'; expected a message name without "
                        + "'Packet', one of " + new TreeSet<>(TYPES_BY_NAME.keySet()));
                return null;
            }
            try {
                return parser.parseFrom(lp.packet().getContent());
            } catch (InvalidProtocolBufferException e) {
                add(TYPES, stream, lp, "content does not decode as " + type + "Packet: " + e.getMessage());
                return null;
            }
        }

        private void checkConfiguration(String stream, LandedPacket lp, ConfigurationPacket c,
                                        Map<String, Long> configIds, boolean laterPart) {
            if (c.getPartialPacket()) {
                // The parts' groups and ids are the split's business (SplitConfigurations).
                if (laterPart) {
                    return;
                }
            } else if (c.getGroupDefinitionsCount() != 1) {
                add(ONE_GROUP, stream, lp, c.getGroupDefinitionsCount() + " GroupDefinitions; expected exactly 1");
            } else if (c.getGroupDefinitions(0).getGroupsCount() > 0) {
                add(ONE_GROUP, stream, lp, "the GroupDefinition nests " + c.getGroupDefinitions(0).getGroupsCount()
                        + " groups; expected none");
            }
            if (c.getConfigId().isEmpty()) {
                add(UNIQUE_CONFIG, stream, lp, "empty config_id");
                return;
            }
            Long firstId = configIds.putIfAbsent(c.getConfigId(), lp.packet().getId());
            if (firstId != null && firstId != lp.packet().getId()) {
                add(UNIQUE_CONFIG, stream, lp, "config_id " + c.getConfigId() + " was already used by packet "
                        + firstId);
            }
        }

        private List<String> parameters(String stream, LandedPacket lp, SampleDataFormat f) {
            String type = lp.packet().getType();
            if (f.hasParameterIdentifiers()) {
                return f.getParameterIdentifiers().getParameterIdentifiersList();
            }
            long id = f.getDataFormatIdentifier();
            if (id == 0) {
                add(CONFIG_FIRST, stream, lp, type + " without a data format");
                return null;
            }
            List<String> params = formats.parameters(id).orElse(null);
            if (params == null && !formats.isEmpty()) {
                add(CONFIG_FIRST, stream, lp, type + " data format " + id + " was never defined on this data source"
                        + (formats.event(id).isPresent() ? " as parameters (it names event '" + formats.event(id).get()
                        + "')" : ""));
            }
            return params;
        }

        private void checkConfigured(String stream, LandedPacket lp, List<String> params, boolean anyConfig,
                                     Set<String> configured) {
            String type = lp.packet().getType();
            if (!anyConfig) {
                add(CONFIG_FIRST, stream, lp, type + " before any Configuration on this stream");
            } else if (params != null && !configured.containsAll(params)) {
                List<String> missing = new ArrayList<>(params);
                missing.removeAll(configured);
                add(CONFIG_FIRST, stream, lp, (type.equals("RowData") ? "row parameters " : "parameters ") + missing
                        + " have data before a configuration defines them on this stream");
            }
        }

        private static String format(SampleDataFormat f) {
            return f.hasParameterIdentifiers() ? String.join(",", f.getParameterIdentifiers().getParameterIdentifiersList())
                    : Long.toString(f.getDataFormatIdentifier());
        }

        /** @return first and last sample time, or null when the block is malformed */
        private long[] checkBlock(String stream, LandedPacket lp, PeriodicDataPacket d, List<String> params,
                                  String format, Map<String, Long> blockEnds) {
            long interval = Integer.toUnsignedLong(d.getInterval());
            if (interval == 0) {
                add(GAPLESS, stream, lp, "interval is 0");
                return null;
            }
            if (d.getColumnsCount() == 0) {
                add(GAPLESS, stream, lp, "no columns");
                return null;
            }
            int n = length(d.getColumns(0));
            for (int c = 1; c < d.getColumnsCount(); c++) {
                if (length(d.getColumns(c)) != n) {
                    add(GAPLESS, stream, lp, "column " + c + " has " + length(d.getColumns(c))
                            + " samples, column 0 has " + n);
                    return null;
                }
            }
            if (n == 0) {
                add(GAPLESS, stream, lp, "empty columns");
                return null;
            }
            if (params != null && params.size() != d.getColumnsCount()) {
                add(GAPLESS, stream, lp, d.getColumnsCount() + " columns for " + params.size() + " parameters");
            }
            long start = d.getStartTime();
            long last = start + (n - 1) * interval;
            // A block may start less than one interval after the previous block's last sample: a live source's
            // sample that arrived early beyond the tolerance starts a new block at its own read time, and no two
            // samples claim the same time. Starting at or before that last sample is an overlap.
            Long previousLast = blockEnds.put(format, last);
            if (previousLast != null && start <= previousLast) {
                add(GAPLESS, stream, lp, "block starts at " + start + " ns, at or before the last sample ("
                        + previousLast + " ns) of the previous block of data format " + format
                        + " (overlap or backwards time)");
            }
            return new long[] {start, start + (n - 1) * interval};
        }

        private static int length(SampleColumn c) {
            return switch (c.getListCase()) {
                case DOUBLE_SAMPLES -> c.getDoubleSamples().getSamplesCount();
                case INT32_SAMPLES -> c.getInt32Samples().getSamplesCount();
                case BOOL_SAMPLES -> c.getBoolSamples().getSamplesCount();
                case STRING_SAMPLES -> c.getStringSamples().getSamplesCount();
                default -> 0;
            };
        }
    }
}
