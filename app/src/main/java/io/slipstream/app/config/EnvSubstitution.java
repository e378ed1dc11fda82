package io.slipstream.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values with environment variables;
 * {@code $${} writes a literal {@code ${}. It reports which variables gave which values, so that errors can name
 * the variable and hide its value (an environment variable is where secrets live).
 */
final class EnvSubstitution {

    private static final Pattern REF = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    /**
     * One variable used in a value.
     *
     * @param variable the variable's name
     * @param value    what it was set to (never shown in a message)
     */
    record Use(String variable, String value) {

        /** Names the variable only: a record's default text would print the value. */
        @Override
        public String toString() {
            return "${" + variable + "}";
        }
    }

    /**
     * @param text the value with every reference replaced
     * @param uses the environment variables that gave part of it (defaults written in the file are not listed)
     */
    record Result(String text, List<Use> uses) {
    }

    private final Function<String, String> env;

    EnvSubstitution(Function<String, String> env) {
        this.env = env;
    }

    /**
     * @param text a scalar as written
     * @return the text with every reference replaced
     * @throws IllegalArgumentException naming the first variable that is unset and has no default
     */
    String apply(String text) {
        return substitute(text).text();
    }

    /**
     * @param text a scalar as written
     * @return the text with every reference replaced, and the variables that were used
     * @throws IllegalArgumentException naming the first variable that is unset and has no default
     */
    Result substitute(String text) {
        if (text.indexOf('$') < 0) {
            return new Result(text, List.of());
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        List<Use> uses = new ArrayList<>();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "${";
            } else {
                String value = env.apply(m.group(1));
                if (value != null) {
                    uses.add(new Use(m.group(1), value));
                } else {
                    value = m.group(2);
                }
                if (value == null) {
                    throw new IllegalArgumentException("environment variable " + m.group(1)
                            + " is not set (write ${" + m.group(1) + ":-default} to give a default)");
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new Result(out.toString(), List.copyOf(uses));
    }
}
