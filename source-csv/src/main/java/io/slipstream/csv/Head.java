package io.slipstream.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The first lines of a file, as formats look at them to recognise themselves: decoded byte for byte (Latin-1;
 * {@link #utf8} re-decodes a UTF-8 text), a byte order mark dropped, a line over the limit read as empty.
 *
 * @param path  the file
 * @param lines up to {@link #LINES} physical lines, blank ones included
 */
record Head(Path path, List<String> lines) {

    /** Lines read. */
    static final int LINES = 80;

    /** Copies the list. */
    Head {
        lines = List.copyOf(lines);
    }

    /**
     * @param path   the file
     * @param limits     the longest line read
     * @param onLongLine gets the number of each line left out for its length
     * @return its head
     */
    static Head read(Path path, FileInput.Limits limits, LongConsumer onLongLine) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(FileInput.open(path, limits, onLongLine),
                StandardCharsets.ISO_8859_1))) {
            String line;
            while (lines.size() < LINES && (line = r.readLine()) != null) {
                if (lines.isEmpty() && line.startsWith("\u00ef\u00bb\u00bf")) {
                    line = line.substring(3);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return new Head(path, lines);
    }

    /**
     * @param i a line index from 0
     * @return the line, or "" past the end
     */
    String line(int i) {
        return i < lines.size() ? lines.get(i) : "";
    }

    /**
     * @param latin1 text decoded byte for byte
     * @return the same bytes read as UTF-8
     */
    static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * @param prefix a line start, compared ignoring case
     * @return the index of the first line starting with it, or -1
     */
    int find(String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).regionMatches(true, 0, prefix, 0, prefix.length())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Splits a line at a delimiter outside quotes and unquotes the cells; for preambles, not for data.
     *
     * @param line      the line
     * @param delimiter the separator
     * @return its cells, stripped
     */
    static List<String> cells(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == delimiter && !quoted) {
                out.add(b.toString().strip());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString().strip());
        return out;
    }
}
