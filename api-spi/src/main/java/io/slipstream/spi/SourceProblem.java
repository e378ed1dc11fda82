package io.slipstream.spi;

/**
 * Something wrong with the input that the source handled without stopping: a bad cell, a torn read,
 * a missing variable. The engine counts problems by kind, shows the first few in full and then a count.
 *
 * @param kind    a short, stable name for counting (e.g. {@code bad-cell}, {@code torn-read})
 * @param where   where it happened: file and line, offset, channel and timestamp
 * @param message what was wrong and what was expected
 * @param samples how many samples it affected (0 when it affected none)
 */
public record SourceProblem(String kind, String where, String message, int samples) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
