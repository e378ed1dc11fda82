package io.slipstream.view.index;

import com.google.protobuf.InvalidProtocolBufferException;
import io.slipstream.atlaskafka.inspect.LandedPacket;
import io.slipstream.view.series.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ma.streaming.open_data.v1.ConfigurationPacket;
import ma.streaming.open_data.v1.DataFormatDefinitionPacket;
import ma.streaming.open_data.v1.EventDefinition;
import ma.streaming.open_data.v1.EventPacket;
import ma.streaming.open_data.v1.MarkerPacket;
import ma.streaming.open_data.v1.NewSessionPacket;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.ParameterDefinition;
import ma.streaming.open_data.v1.PeriodicDataPacket;
import ma.streaming.open_data.v1.RowDataPacket;
import ma.streaming.open_data.v1.SampleDataFormat;
import ma.streaming.open_data.v1.SessionInfoPacket;
import ma.streaming.open_data.v1.SynchroDataPacket;

/**
 * Folds one landed record into its session: identity from NewSession/SessionInfo, channels from Configuration,
 * samples from PeriodicData and RowData, markers, events, the end. Data-format ids resolve through the server's
 * {@code DataFormatDefinition} records; a data packet read before its definition (another partition may come
 * first) waits, bounded, and is folded in when the definition arrives.
 */
final class PacketFolder {

    /** The most data packets that may wait for their data-format definition. */
    static final int MAX_WAITING = 10_000;

    private final Function<String, SessionIndex> sessions;
    private final Dropped dropped;
    private final Map<Long, List<String>> parameterFormats = new HashMap<>();
    private final Map<Long, String> eventFormats = new HashMap<>();
    private final Map<String, EventDefinition> eventDefinitions = new HashMap<>();
    private final Map<Long, List<LandedPacket>> waiting = new HashMap<>();
    private int waitingCount;

    PacketFolder(Function<String, SessionIndex> sessions, Dropped dropped) {
        this.sessions = sessions;
        this.dropped = dropped;
    }

    void fold(LandedPacket lp) {
        Packet p = lp.packet();
        if (p == null) {
            dropped.add("records that are not a Packet", 1);
            return;
        }
        try {
            if ("DataFormatDefinition".equals(p.getType())) {
                define(DataFormatDefinitionPacket.parseFrom(p.getContent()));
                return;
            }
            String key = lp.key() != null && !lp.key().isEmpty() ? lp.key() : p.getSessionKey();
            if (key == null || key.isEmpty()) {
                dropped.add("packets with no session key", 1);
                return;
            }
            SessionIndex s = sessions.apply(key);
            if (s == null) {
                return;
            }
            if (lp.essentialsTopic()) {
                // The essentials topic repeats what a late reader needs; only its definitions add anything here.
                if ("Configuration".equals(p.getType())) {
                    configure(s, ConfigurationPacket.parseFrom(p.getContent()));
                }
                return;
            }
            s.packet();
            content(s, lp, p);
        } catch (InvalidProtocolBufferException e) {
            dropped.add("packets whose content does not parse as their type", 1);
        }
    }

    private void content(SessionIndex s, LandedPacket lp, Packet p) throws InvalidProtocolBufferException {
        switch (p.getType()) {
            case "NewSession" -> {
                NewSessionPacket n = NewSessionPacket.parseFrom(p.getContent());
                SessionInfoPacket info = n.getSessionInfo();
                s.identify(info.getIdentifier(), info.getType(), n.getDataSource());
            }
            case "SessionInfo" -> {
                SessionInfoPacket info = SessionInfoPacket.parseFrom(p.getContent());
                s.identify(info.getIdentifier(), info.getType(), info.getDataSource());
            }
            case "EndOfSession" -> s.end();
            case "Configuration" -> configure(s, ConfigurationPacket.parseFrom(p.getContent()));
            case "PeriodicData" -> periodic(s, lp, PeriodicDataPacket.parseFrom(p.getContent()));
            case "RowData" -> rows(s, lp, RowDataPacket.parseFrom(p.getContent()));
            case "Marker" -> {
                MarkerPacket m = MarkerPacket.parseFrom(p.getContent());
                s.marker(new MarkerMark(m.getTimestamp(), m.getEndTime(), m.getLabel(), m.getType(), m.getDescription()));
            }
            case "Event" -> event(s, EventPacket.parseFrom(p.getContent()));
            case "SynchroData" -> dropped(s, "synchro data samples (not plotted)",
                    SynchroDataPacket.parseFrom(p.getContent()).getIntervalsCount());
            default -> {
                // Metadata, Error, CoverageCursor...: nothing to draw; the packet is counted in the session.
            }
        }
    }

    private static void dropped(SessionIndex s, String reason, long n) {
        s.dropped().add(reason, n);
    }

    private void define(DataFormatDefinitionPacket d) {
        if (d.hasParameterIdentifiers()) {
            parameterFormats.put(d.getIdentifier(), List.copyOf(d.getParameterIdentifiers().getParameterIdentifiersList()));
        } else if (d.hasEventIdentifier()) {
            eventFormats.put(d.getIdentifier(), d.getEventIdentifier());
        }
        List<LandedPacket> ready = waiting.remove(d.getIdentifier());
        if (ready != null) {
            waitingCount -= ready.size();
            ready.forEach(this::fold);
        }
    }

    private void configure(SessionIndex s, ConfigurationPacket c) {
        for (ParameterDefinition d : c.getParameterDefinitionsList()) {
            s.declare(new ChannelInfo(d.getIdentifier(), d.getName().isEmpty() ? d.getIdentifier() : d.getName(),
                    d.getUnits(), d.getDescription(), d.getMinValue(), d.getMaxValue(),
                    d.getFrequenciesCount() == 0 ? 0 : d.getFrequencies(0)));
        }
        for (EventDefinition e : c.getEventDefinitionsList()) {
            eventDefinitions.put(e.getIdentifier(), e);
        }
    }

    /** @return the parameter ids of a sample format, or null after parking the packet until it is defined */
    private List<String> parameters(SampleDataFormat f, LandedPacket lp, SessionIndex s) {
        if (f.hasParameterIdentifiers()) {
            return f.getParameterIdentifiers().getParameterIdentifiersList();
        }
        List<String> ids = parameterFormats.get(f.getDataFormatIdentifier());
        if (ids == null) {
            park(f.getDataFormatIdentifier(), lp, s);
        }
        return ids;
    }

    private void park(long formatId, LandedPacket lp, SessionIndex s) {
        if (waitingCount >= MAX_WAITING) {
            dropped(s, "data packets whose data format " + "was never defined (more than " + MAX_WAITING + " waiting)", 1);
            return;
        }
        waiting.computeIfAbsent(formatId, k -> new ArrayList<>()).add(lp);
        waitingCount++;
    }

    private void periodic(SessionIndex s, LandedPacket lp, PeriodicDataPacket d) {
        List<String> ids = parameters(d.getDataFormat(), lp, s);
        if (ids == null) {
            return;
        }
        if (ids.size() != d.getColumnsCount()) {
            dropped(s, "data packets whose column count differs from their data format", 1);
            return;
        }
        long interval = Integer.toUnsignedLong(d.getInterval());
        if (interval == 0) {
            dropped(s, "periodic data packets with interval 0", 1);
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            double[] values = Columns.values(d.getColumns(i), s.dropped());
            if (values != null) {
                s.add(ids.get(i), Block.periodic(d.getStartTime(), interval, values));
            }
        }
    }

    private void rows(SessionIndex s, LandedPacket lp, RowDataPacket d) {
        List<String> ids = parameters(d.getDataFormat(), lp, s);
        if (ids == null) {
            return;
        }
        int n = d.getTimestampsCount();
        if (d.getRowsCount() != n) {
            dropped(s, "row data packets with " + "a row count unlike their timestamp count", 1);
            return;
        }
        long[] times = new long[n];
        double[][] columns = new double[ids.size()][n];
        for (int j = 0; j < n; j++) {
            times[j] = d.getTimestamps(j);
            double[] row = Columns.values(d.getRows(j), s.dropped());
            for (int k = 0; k < ids.size(); k++) {
                columns[k][j] = row != null && k < row.length ? row[k] : Double.NaN;
            }
        }
        for (int k = 0; k < ids.size(); k++) {
            s.add(ids.get(k), Block.rows(times, columns[k]));
        }
    }

    private void event(SessionIndex s, EventPacket e) {
        String id = e.getDataFormat().hasEventIdentifier() ? e.getDataFormat().getEventIdentifier()
                : eventFormats.getOrDefault(e.getDataFormat().getDataFormatIdentifier(), "");
        EventDefinition def = eventDefinitions.get(id);
        String name = def != null && !def.getName().isEmpty() ? def.getName() : id.isEmpty() ? "event" : id;
        s.event(new EventMark(e.getTimestamp(), id, name, List.copyOf(e.getRawValuesList())));
    }
}
