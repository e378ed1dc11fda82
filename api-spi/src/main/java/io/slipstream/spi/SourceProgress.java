package io.slipstream.spi;

/**
 * How far a source that replays a recording has read it, for the person watching: each figure is -1 when the
 * source does not know it (a CSV file's row count before it is read to the end, say). A live source that knows
 * whether its far end is there (a sim running or not) says so in {@code live} instead, made by {@link #live}.
 *
 * @param rowsRead      rows (frames, lines) read so far
 * @param rowsTotal     rows in the whole input, or -1
 * @param bytesRead     bytes of the input read so far, or -1
 * @param bytesTotal    bytes of the whole input, or -1
 * @param timeReadNanos session time replayed so far: the newest row's time less the first row's, or -1
 * @param timeTotalNanos session time of the whole input: the last row's time less the first row's, or -1
 * @param realTime      whether the source replays at the recorded rate, so that session time still to replay is
 *                      also the real time left
 * @param live          a live source's connection state, or null for a replay
 */
public record SourceProgress(long rowsRead, long rowsTotal, long bytesRead, long bytesTotal, long timeReadNanos,
                             long timeTotalNanos, boolean realTime, Live live) {

    /**
     * A live source's connection state.
     *
     * @param state   in words, e.g. {@code connected to iRacing} or {@code waiting for iRacing}
     * @param forNanos how long it has been in that state
     */
    public record Live(String state, long forNanos) {
    }

    /** A replay's progress. Parameters as for the record. */
    public SourceProgress(long rowsRead, long rowsTotal, long bytesRead, long bytesTotal, long timeReadNanos,
                          long timeTotalNanos, boolean realTime) {
        this(rowsRead, rowsTotal, bytesRead, bytesTotal, timeReadNanos, timeTotalNanos, realTime, null);
    }

    /**
     * @param state    the connection state in words
     * @param forNanos how long it has been in that state
     * @return a live source's progress: its connection state, every replay figure unknown
     */
    public static SourceProgress live(String state, long forNanos) {
        return new SourceProgress(-1, -1, -1, -1, -1, -1, true, new Live(state, forNanos));
    }
}
