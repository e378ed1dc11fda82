package io.slipstream.iracing.session;

/**
 * The session YAML cannot be read even after sanitising: the message names the input, the line and column, and
 * what the parser expected there. The source reports it and carries on without track, car and driver.
 */
public final class SessionInfoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param where   the input, e.g. {@code race.ibt}
     * @param line    1-based line in the sanitised YAML, or 0 when unknown
     * @param column  1-based column, or 0 when unknown
     * @param problem what was found and what was expected
     */
    public SessionInfoException(String where, int line, int column, String problem) {
        super(where + " session info" + (line > 0 ? ", line " + line + ", column " + column : "") + ": " + problem);
    }
}
