package io.slipstream.app.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as a scraper reads it: every line a comment or a
 * sample, every sample of a family declared by a TYPE line before it (histograms by their {@code _bucket},
 * {@code _sum} and {@code _count}), label values escaped, each series once. Fails naming the line.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /**
     * @param text a scrape
     * @return what it says
     * @throws AssertionError at the first line a scraper would reject
     */
    public static PrometheusText parse(String text) {
        PrometheusText out = new PrometheusText();
        Set<String> series = new HashSet<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a newline");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "': ";
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (out.types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError(where + "a second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches() || line.isEmpty()) {
                continue;
            } else if (line.startsWith("#")) {
                throw new AssertionError(where + "a comment that is neither HELP nor TYPE");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Sample s = new Sample(m.group(1), labels(where, m.group(3)), value(where, m.group(4)));
                if (out.family(s.name()) == null) {
                    throw new AssertionError(where + "no TYPE line before it for " + s.name());
                }
                if (!series.add(s.name() + s.labels())) {
                    throw new AssertionError(where + "the same series twice");
                }
                out.samples.add(s);
            } else {
                throw new AssertionError(where + "not a sample: name{labels} value");
            }
        }
        return out;
    }

    private String family(String sample) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(base);
                if (type != null && (suffix.equals("_total") ? type.equals("counter") : !type.equals("gauge"))) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String where, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new AssertionError(where + "bad label at '" + text.substring(at) + "'");
            }
            String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
            if (out.put(m.group(1), value) != null) {
                throw new AssertionError(where + "label " + m.group(1) + " twice");
            }
            at = m.end();
        }
        return out;
    }

    private static double value(String where, String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError(where + "'" + text + "' is not a number");
                }
            }
        };
    }

    /**
     * @param family a family name as its TYPE line gives it
     * @return its type, or null when there is no such family
     */
    public String type(String family) {
        return types.get(family);
    }

    /**
     * @param name   a sample's name
     * @param labels labels it must have (others allowed)
     * @return its value
     * @throws AssertionError when no sample or more than one matches
     */
    public double value(String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + ", expected one; all: " + samples);
        }
        return found.get(0).value();
    }

    /** @return every sample, in order */
    public List<Sample> samples() {
        return samples;
    }
}
