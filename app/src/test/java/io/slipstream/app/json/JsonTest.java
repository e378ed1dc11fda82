package io.slipstream.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The JSON the summary and {@code inspect --json} write: layout, order, escaping and numbers JSON lacks. */
class JsonTest {

    private static Map<String, Object> sample() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("received", 1_000L);
        inner.put("droppedByReason", new TreeMap<>(Map.of("overflow-oldest", 5L, "cancelled", 2L)));
        inner.put("none", Map.of());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("ok", true);
        root.put("error", null);
        root.put("name", "demo \"one\"\\\n\t\u0001");
        root.put("samples", inner);
        root.put("ids", List.of(3L, 4L));
        root.put("empty", List.of());
        root.put("values", Arrays.asList(1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        return root;
    }

    @Test
    void prettyKeepsTheSummaryLayout() {
        assertEquals("""
                {
                  "ok": true,
                  "error": null,
                  "name": "demo \\"one\\"\\\\\\n\\t\\u0001",
                  "samples": {
                    "received": 1000,
                    "droppedByReason": {
                      "cancelled": 2,
                      "overflow-oldest": 5
                    },
                    "none": {}
                  },
                  "ids": [
                    3,
                    4
                  ],
                  "empty": [],
                  "values": [
                    1.5,
                    null,
                    null,
                    null
                  ]
                }""", Json.pretty(sample()));
    }

    @Test
    void compactIsOneLineInInsertionOrder() {
        assertEquals("{\"ok\":true,\"error\":null,\"name\":\"demo \\\"one\\\"\\\\\\n\\t\\u0001\","
                        + "\"samples\":{\"received\":1000,\"droppedByReason\":{\"cancelled\":2,\"overflow-oldest\":5},\"none\":{}},"
                        + "\"ids\":[3,4],\"empty\":[],\"values\":[1.5,null,null,null]}",
                Json.write(sample()));
    }

    @Test
    void aLoneNumberStringAndNullAreJsonToo() {
        assertEquals("null", Json.write(null));
        assertEquals("42", Json.write(42));
        assertEquals("null", Json.write(Double.NaN));
        assertEquals("\"caf\u00e9\"", Json.write("caf\u00e9"));
    }
}
