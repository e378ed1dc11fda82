package io.slipstream.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads single fields out of the run summary JSON: the first field of that name, depth first in document order
 * (the first pipeline's {@code samples.dropped} before its {@code packets.dropped}). Parsing it whole also proves
 * the file is JSON.
 */
final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SummaryJson() {
    }

    static String text(String json, String field) {
        JsonNode n = tree(json).findValue(field);
        if (n == null || !n.isTextual()) {
            throw new AssertionError("no text field '" + field + "' in\n" + json);
        }
        return n.textValue();
    }

    static long number(String json, String field) {
        JsonNode n = tree(json).findValue(field);
        if (n == null || !n.isIntegralNumber()) {
            throw new AssertionError("no whole-number field '" + field + "' in\n" + json);
        }
        return n.longValue();
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + e.getOriginalMessage() + " in\n" + json, e);
        }
    }
}
