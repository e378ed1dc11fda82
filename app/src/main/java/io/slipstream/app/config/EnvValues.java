package io.slipstream.app.config;

import io.slipstream.spi.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The config values that came from environment variables, kept so that no error message shows them: an error
 * names the key and the variable, never the value. A message is rewritten, not dropped, so that it still says
 * what was expected.
 */
public final class EnvValues {

    /** Values this short are hidden only in messages about their own key: elsewhere "1" would hide line numbers. */
    static final int SHORT = 4;

    /** No substitutions: messages pass unchanged. */
    public static final EnvValues NONE = new EnvValues(List.of());

    /**
     * One substituted value.
     *
     * @param keyPath the key it stands at, e.g. {@code pipelines[0].sink.stream-api}
     * @param written the value as written in the file, e.g. {@code http://${API_HOST}:13579}
     * @param uses    the variables that gave parts of it
     */
    record Entry(String keyPath, String written, List<EnvSubstitution.Use> uses) {

        /** Names the key and the variables only. */
        @Override
        public String toString() {
            return keyPath + " = " + written;
        }
    }

    private final List<Entry> entries;

    EnvValues(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return how many values came from the environment */
    public int size() {
        return entries.size();
    }

    /**
     * @param e an error about this config
     * @return the same error, or one whose message shows {@code ${VAR}} where a variable's value stood, and says
     *         which variable gave the key its value
     */
    public ConfigException redact(ConfigException e) {
        String message = e.getMessage();
        String prefix = (e.location() != null ? e.location() + ": " : "") + e.key() + ": ";
        String problem = message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        if (problem == null) {
            return e;
        }
        String hidden = hide(problem, e.key());
        List<String> ownVariables = entries.stream().filter(x -> x.keyPath().equals(e.key()))
                .flatMap(x -> x.uses().stream()).map(EnvSubstitution.Use::variable).distinct().toList();
        if (hidden.equals(problem) && ownVariables.isEmpty()) {
            return e;
        }
        if (!ownVariables.isEmpty()) {
            hidden += " (the value comes from environment variable" + (ownVariables.size() > 1 ? "s " : " ")
                    + String.join(", ", ownVariables) + " and is not shown)";
        }
        ConfigException redacted = new ConfigException(e.location(), e.key(), hidden);
        redacted.setStackTrace(e.getStackTrace());
        return redacted;
    }

    /**
     * @param problems errors about this config
     * @return each one {@link #redact redacted}
     */
    public List<ConfigException> redact(List<ConfigException> problems) {
        return entries.isEmpty() ? problems : problems.stream().map(this::redact).toList();
    }

    /**
     * @param text    any text about this config (a message, a log line)
     * @param keyPath the key it is about, or null
     * @return the text with every variable's value shown as {@code ${VAR}}
     */
    String hide(String text, String keyPath) {
        List<EnvSubstitution.Use> hideable = new ArrayList<>();
        for (Entry e : entries) {
            boolean own = e.keyPath().equals(keyPath);
            for (EnvSubstitution.Use u : e.uses()) {
                if (!u.value().isEmpty() && (own || u.value().length() >= SHORT)) {
                    hideable.add(u);
                }
            }
        }
        // Longest first, and through NUL-marked placeholders, so that no value is found inside another's name.
        hideable.sort(Comparator.comparingInt((EnvSubstitution.Use u) -> u.value().length()).reversed());
        String out = text;
        for (int i = 0; i < hideable.size(); i++) {
            out = out.replace(hideable.get(i).value(), "\0" + i + "\0");
        }
        for (int i = 0; i < hideable.size(); i++) {
            out = out.replace("\0" + i + "\0", "${" + hideable.get(i).variable() + "}");
        }
        return out;
    }

    /**
     * @param text any text about this config
     * @return the text with every variable's value of {@link #SHORT} characters or more hidden
     */
    public String hide(String text) {
        return hide(text, null);
    }
}
