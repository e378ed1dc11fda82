package io.slipstream.iracing.session;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the sim's session YAML parseable whatever the drivers are called (spec §3): strips characters YAML
 * forbids, re-joins values that a newline split, force-quotes the free-text name keys (so {@code #}, quotes,
 * colons and Asian names survive), and quotes values that begin with a comma.
 */
public final class SessionInfoSanitizer {

    /** Keys whose values are user-typed text. */
    private static final Set<String> FREE_TEXT_KEYS = Set.of("DriverSetupName", "UserName", "TeamName",
            "AbbrevName", "Initials", "GroupName");

    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*(?:- )?)([A-Za-z0-9_]+):(?: (.*))?$");

    private SessionInfoSanitizer() {
    }

    /**
     * @param yaml the decoded session info
     * @return YAML that a strict 1.2 parser accepts with the same meaning
     */
    public static String sanitize(String yaml) {
        String[] lines = stripNonPrintable(yaml).split("\n", -1);
        StringBuilder out = new StringBuilder(yaml.length() + 256);
        // A builder, not String concatenation: thousands of continuation lines would otherwise cost quadratic time.
        StringBuilder pending = null;
        for (String raw : lines) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            boolean structural = line.isBlank() || line.equals("---") || line.equals("...")
                    || line.indexOf(':') >= 0 || line.strip().startsWith("-");
            if (!structural && pending != null) {
                // A value broken by a newline (a setup folder name, say): join it back onto its key's line.
                pending.append(' ').append(line.strip());
                continue;
            }
            if (pending != null) {
                out.append(fixValue(pending.toString())).append('\n');
            }
            pending = new StringBuilder(line);
        }
        if (pending != null) {
            out.append(fixValue(pending.toString()));
        }
        return out.toString();
    }

    private static String fixValue(String line) {
        Matcher m = KEY_LINE.matcher(line);
        if (!m.matches() || m.group(3) == null) {
            return line;
        }
        String value = m.group(3);
        boolean freeText = FREE_TEXT_KEYS.contains(m.group(2));
        if (freeText || value.startsWith(",")) {
            String unquoted = freeText && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
            return m.group(1) + m.group(2) + ": \"" + unquoted.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return line;
    }

    private static String stripNonPrintable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean printable = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isSurrogate(c);
            if (printable) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
