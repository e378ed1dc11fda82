package io.slipstream.streamapi.reader;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import io.slipstream.streamapi.dataformat.DataFormats;
import ma.streaming.api.v1.DataPacketRequest;
import ma.streaming.open_data.v1.EventDataFormat;
import ma.streaming.open_data.v1.Packet;
import ma.streaming.open_data.v1.SampleDataFormat;

/**
 * The ReadDataPackets filter (spec §1.6): keeps PeriodicData, RowData, SynchroData and Event packets
 * with at least one parameter (event) that an include pattern finds and no exclude pattern finds, and
 * Marker packets when asked. Patterns are unanchored; the defaults include everything and exclude the
 * empty name. Ids resolve through the data-format registry of the connection's data source; a packet
 * whose id is unknown is dropped. Results are cached per data format.
 */
final class DataPacketFilter {

    private static final List<String> DEFAULT_INCLUDE = List.of(".*");
    private static final List<String> DEFAULT_EXCLUDE = List.of("(^$)");

    private final String dataSource;
    private final DataFormats formats;
    private final List<Pattern> includeParameters;
    private final List<Pattern> excludeParameters;
    private final List<Pattern> includeEvents;
    private final List<Pattern> excludeEvents;
    private final boolean markers;
    private final Map<ByteString, Boolean> decided = new ConcurrentHashMap<>();

    DataPacketFilter(DataPacketRequest request, String dataSource, DataFormats formats) {
        this.dataSource = dataSource;
        this.formats = formats;
        this.includeParameters = compile("include_parameters", request.getIncludeParametersList(), DEFAULT_INCLUDE);
        this.excludeParameters = compile("exclude_parameters", request.getExcludeParametersList(), DEFAULT_EXCLUDE);
        this.includeEvents = compile("include_events", request.getIncludeEventsList(), DEFAULT_INCLUDE);
        this.excludeEvents = compile("exclude_events", request.getExcludeEventsList(), DEFAULT_EXCLUDE);
        this.markers = request.getIncludeMarkers();
    }

    boolean accepts(Packet packet) {
        switch (packet.getType()) {
            case "PeriodicData", "RowData", "SynchroData" -> {
                ByteString format = firstField(packet.getContent());
                return decided.computeIfAbsent(format.concat(ByteString.copyFromUtf8("P")), f -> parametersPass(format));
            }
            case "Event" -> {
                ByteString format = firstField(packet.getContent());
                return decided.computeIfAbsent(format.concat(ByteString.copyFromUtf8("E")), f -> eventPasses(format));
            }
            case "Marker" -> {
                return markers;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean parametersPass(ByteString bytes) {
        List<String> parameters;
        try {
            SampleDataFormat format = SampleDataFormat.parseFrom(bytes);
            parameters = format.hasParameterIdentifiers()
                    ? format.getParameterIdentifiers().getParameterIdentifiersList()
                    : formats.parameters(dataSource, format.getDataFormatIdentifier());
        } catch (IOException e) {
            return false;
        }
        return parameters.stream().anyMatch(p -> passes(p, includeParameters, excludeParameters));
    }

    private boolean eventPasses(ByteString bytes) {
        try {
            EventDataFormat format = EventDataFormat.parseFrom(bytes);
            String event = format.hasEventIdentifier() ? format.getEventIdentifier() : formats.event(dataSource, format.getDataFormatIdentifier());
            return !event.isEmpty() && passes(event, includeEvents, excludeEvents);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean passes(String name, List<Pattern> include, List<Pattern> exclude) {
        return include.stream().anyMatch(p -> p.matcher(name).find()) && exclude.stream().noneMatch(p -> p.matcher(name).find());
    }

    /** Field 1 (data_format) of a data packet's content, read without parsing the samples. */
    private static ByteString firstField(ByteString content) {
        try {
            CodedInputStream in = content.newCodedInput();
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return ByteString.EMPTY;
                }
                if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    return in.readBytes();
                }
                in.skipField(tag);
            }
        } catch (IOException e) {
            return ByteString.EMPTY;
        }
    }

    private static List<Pattern> compile(String field, List<String> patterns, List<String> defaults) {
        List<String> source = patterns.isEmpty() ? defaults : patterns;
        try {
            return source.stream().map(Pattern::compile).toList();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(field + " holds an invalid regular expression \"" + e.getPattern() + "\": " + e.getDescription(), e);
        }
    }
}
