package io.slipstream.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a gzip bomb: once more than {@link #FREE_BYTES} have been decompressed, the output may be at most
 * {@code maxRatio} times the compressed bytes read. Real logs compress 5 to 30 times; a bomb, thousands of times.
 */
final class GzipGuard extends FilterInputStream {

    /** Decompressed bytes allowed whatever the ratio. */
    static final long FREE_BYTES = 16L << 20;

    private final CountingInputStream compressed;
    private final int maxRatio;
    private final String label;
    private long out;

    /**
     * @param decompressed the gzip stream
     * @param compressed   its input, counting the bytes read
     * @param maxRatio     the highest decompressed / compressed ratio accepted
     * @param label        the file, for the error
     */
    GzipGuard(InputStream decompressed, CountingInputStream compressed, int maxRatio, String label) {
        super(decompressed);
        this.compressed = compressed;
        this.maxRatio = maxRatio;
        this.label = label;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            check(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            check(n);
        }
        return n;
    }

    private void check(int n) throws IOException {
        out += n;
        if (out > FREE_BYTES && out > (long) maxRatio * Math.max(1, compressed.count())) {
            throw new IOException(label + ": refused as a gzip bomb: " + out + " bytes decompressed from "
                    + compressed.count() + " (more than " + maxRatio + " times; set max-gzip-ratio to allow it)");
        }
    }

    /** Counts the bytes read through it. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        long count() {
            return count;
        }
    }
}
