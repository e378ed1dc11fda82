package io.slipstream.app.status;

import io.slipstream.app.json.Json;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns each line of text written to it into one JSON object, {@code {"type":"message","text":...}}, so that with
 * {@code --log-format json} every line on standard output is JSON, whatever part of the command printed it.
 * A line longer than {@value #MAX_LINE} characters is sent in pieces rather than held without bound.
 */
final class JsonLinesWriter extends Writer {

    static final int MAX_LINE = 8192;

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder();

    JsonLinesWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (c == '\n') {
                emit();
            } else if (c != '\r') {
                line.append(c);
                if (line.length() >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    private void emit() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "message");
        m.put("text", line.toString());
        out.println(Json.write(m));
        line.setLength(0);
    }

    @Override
    public synchronized void flush() {
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (line.length() > 0) {
            emit();
        }
        out.flush();
    }
}
