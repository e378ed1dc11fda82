package io.slipstream.spi;

/**
 * How far a source that replays a recording has read it, for the person watching: each figure is -1 when the
 * source does not know it (a CSV file's row count before it is read to the end, say).
 *
 * @param rowsRead      rows (frames, lines) read so far
 * @param rowsTotal     rows in the whole input, or -1
 * @param bytesRead     bytes of the input read so far, or -1
 * @param bytesTotal    bytes of the whole input, or -1
 * @param timeReadNanos session time replayed so far: the newest row's time less the first row's, or -1
 * @param timeTotalNanos session time of the whole input: the last row's time less the first row's, or -1
 * @param realTime      whether the source replays at the recorded rate, so that session time still to replay is
 *                      also the real time left
 */
public record SourceProgress(long rowsRead, long rowsTotal, long bytesRead, long bytesTotal, long timeReadNanos,
                             long timeTotalNanos, boolean realTime) {
}
