package io.slipstream.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single fields out of the run summary JSON, enough for assertions without a JSON library. */
final class SummaryJson {

    private SummaryJson() {
    }

    static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\": \"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no text field '" + field + "' in\n" + json);
        }
        return m.group(1);
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\": (-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no number field '" + field + "' in\n" + json);
        }
        return Long.parseLong(m.group(1));
    }
}
