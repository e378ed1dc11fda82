package io.slipstream.spi;

import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The one check for keys a config section does not know, used by the engine and by plug-ins alike, so that every
 * typo gets the same answer: the key, the nearest known key when one is close ({@code did you mean 'rate'?}), and
 * the known keys.
 */
public final class UnknownKeys {

    /** How many single-letter edits a key may be from a known one and still be offered as what was meant. */
    private static final int MAX_EDITS = 2;

    private UnknownKeys() {
    }

    /**
     * Throws for the first key of the section that is not known.
     *
     * @param section the section whose keys are checked
     * @param known   the keys it may have
     * @throws ConfigException naming the unknown key, with {@link #hint} in its problem
     */
    public static void check(SourceConfig section, Collection<String> known) {
        for (String key : section.keys()) {
            if (!known.contains(key)) {
                throw section.error(key, "unknown key" + hint(key, known));
            }
        }
    }

    /**
     * What to say after "unknown key" (or a more specific opening) for a key that is not known.
     *
     * @param key   the key found
     * @param known the keys allowed there
     * @return {@code "; did you mean 'rate'? known: a, b, rate"}, or {@code "; known: a, b"} when no known key is
     *         close, or {@code "; no keys are known here"} when there are none
     */
    public static String hint(String key, Collection<String> known) {
        if (known.isEmpty()) {
            return "; no keys are known here";
        }
        String nearest = nearest(key, known);
        String list = "known: " + String.join(", ", new TreeSet<>(known));
        return nearest == null ? "; " + list : "; did you mean '" + nearest + "'? " + list;
    }

    private static String nearest(String key, Collection<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestEdits = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(known)) {
            int edits = edits(lower, k.toLowerCase(Locale.ROOT));
            if (edits < bestEdits) {
                best = k;
                bestEdits = edits;
            }
        }
        // A short key two edits from a short known key is a guess, not a typo: 'ab' is two edits from 'xy'.
        return bestEdits <= Math.min(MAX_EDITS, (lower.length() + 1) / 2) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character. */
    private static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
