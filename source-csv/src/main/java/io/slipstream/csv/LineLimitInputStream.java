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
        int scanFrom = end;
        end += n;
        for (int i = scanFrom; i < end; i++) {
            if (buf[i] == '\n') {
                linesSeen++;
                ready = i + 1;
            }
        }
        if (end - ready > limit) {
            skipLongLine();
        }
        return true;
    }

    private void skipLongLine() throws IOException {
        long line = linesSeen + 1;
        end = ready;
        int c;
        do {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
                break;
            }
            c = -1;
            for (int i = end; i < end + n; i++) {
                if (buf[i] == '\n') {
                    c = i;
                    break;
                }
            }
            if (c >= 0) {
                // keep what follows the long line's end
                int rest = end + n - c - 1;
                System.arraycopy(buf, c + 1, buf, end + 1, rest);
                buf[end] = '\n';
                linesSeen++;
                int scanFrom = end + 1;
                ready = end + 1;
                end = end + 1 + rest;
                for (int i = scanFrom; i < end; i++) {
                    if (buf[i] == '\n') {
                        linesSeen++;
                        ready = i + 1;
                    }
                }
                break;
            }
        } while (true);
        if (eof) {
            buf[end++] = '\n';
            ready = end;
        }
        onLongLine.accept(line);
        if (end - ready > limit) {
            skipLongLine();
        }
    }
}
