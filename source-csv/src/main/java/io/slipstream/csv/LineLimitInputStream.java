package io.slipstream.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Passes bytes through line by line, holding at most {@code limit} bytes of one line: a line longer than that is
 * replaced by an empty line (so later line numbers stay true) and its number handed to a listener. Memory stays
 * bounded by the limit whatever the input: a 100 MB line costs 1 MiB, never an {@code OutOfMemoryError}.
 */
final class LineLimitInputStream extends FilterInputStream {

    private static final int CHUNK = 1 << 16;

    private final int limit;
    private final LongConsumer onLongLine;
    private final byte[] buf;
    private int start;
    private int ready;
    private int end;
    private long linesSeen;
    private boolean eof;

    /**
     * @param in         the raw bytes
     * @param limit      the longest line passed on, in bytes, without its line end
     * @param onLongLine gets the 1-based number of each line left out
     */
    LineLimitInputStream(InputStream in, int limit, LongConsumer onLongLine) {
        super(in);
        this.limit = limit;
        this.onLongLine = onLongLine;
        this.buf = new byte[Math.max(limit + 2, CHUNK) + CHUNK];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (start == ready) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, ready - start);
        System.arraycopy(buf, start, b, off, n);
        start += n;
        return n;
    }

    /** @return false at the end of the input with nothing left to deliver */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            ready -= start;
            start = 0;
        }
        if (eof) {
            if (ready < end) {
                ready = end; // the last line has no line end
                return true;
            }
            return false;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
            return ready < end;
        }
        int from = end;
        end += n;
        scan(from);
        while (end - ready > limit && !eof) {
            skipRestOfLine();
        }
        if (eof && end - ready > limit) {
            end = ready;
            onLongLine.accept(linesSeen + 1);
        }
        return true;
    }

    /** Marks complete lines from {@code from} on as ready, cutting out those over the limit. */
    private void scan(int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                linesSeen++;
                if (i - ready > limit) {
                    onLongLine.accept(linesSeen);
                    System.arraycopy(buf, i, buf, ready, end - i); // keeps the line end
                    end -= i - ready;
                    i = ready;
                }
                ready = i + 1;
            }
        }
    }

    /** The current line is over the limit with no line end yet: drops it up to its line end. */
    private void skipRestOfLine() throws IOException {
        end = ready;
        while (true) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                onLongLine.accept(linesSeen + 1);
                return;
            }
            for (int i = end; i < end + n; i++) {
                if (buf[i] == '\n') {
                    int rest = end + n - i;
                    System.arraycopy(buf, i, buf, ready, rest); // from the line end on
                    end = ready + rest;
                    onLongLine.accept(linesSeen + 1);
                    scan(ready); // the long line now reads as an empty one: scan counts it, and what follows
                    return;
                }
            }
        }
    }
}
