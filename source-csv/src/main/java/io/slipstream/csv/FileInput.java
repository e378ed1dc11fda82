package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Opens a CSV file as a stream: gzip is recognised by its magic bytes (and refused when it inflates like a bomb),
 * lines longer than the limit are left out and reported, a UTF-8 byte order mark is skipped.
 */
final class FileInput {

    private static final int BUFFER = 1 << 16;

    private FileInput() {
    }

    /**
     * @param path       the file
     * @param limits     the longest line and highest gzip ratio accepted
     * @param onLongLine gets the number of each line left out for its length
     * @return its bytes, decompressed when gzip, lines longer than the limit replaced by empty lines
     * @throws CsvFileException naming the file when it cannot be opened
     */
    static InputStream open(Path path, Limits limits, LongConsumer onLongLine) {
        return open(path, limits, onLongLine, null);
    }

    /**
     * @param path       the file
     * @param limits     the longest line and highest gzip ratio accepted
     * @param onLongLine gets the number of each line left out for its length
     * @param bytesRead  gains the file's bytes as they are read (before gzip is undone, so that they count against
     *                   the file's size), or null
     * @return its bytes, as {@link #open(Path, Limits, LongConsumer)}
     */
    static InputStream open(Path path, Limits limits, LongConsumer onLongLine, AtomicLong bytesRead) {
        try {
            InputStream file = Files.newInputStream(path);
            BufferedInputStream in = new BufferedInputStream(bytesRead == null ? file : new Counted(file, bytesRead), BUFFER);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            InputStream raw = in;
            if (b0 == 0x1f && b1 == 0x8b) {
                GzipGuard.CountingInputStream counted = new GzipGuard.CountingInputStream(in);
                raw = new GzipGuard(new GZIPInputStream(counted, BUFFER), counted, limits.maxGzipRatio(),
                        path.getFileName().toString());
            }
            return new LineLimitInputStream(raw, limits.maxLineBytes(), onLongLine);
        } catch (NoSuchFileException e) {
            throw new CsvFileException(path + ": no such file", e);
        } catch (IOException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A streaming record reader: {@code #} comment lines and empty lines skipped, quoted fields, CRLF or LF,
     * rows of any length (the caller checks lengths and reports them).
     *
     * @param path       the file
     * @param shape      what the format says: charset, lines before the header
     * @param delimiter  the field separator
     * @param limits     the longest line and highest gzip ratio accepted
     * @param onLongLine gets the number of each line left out for its length
     * @return the reader, positioned at the header row; close it
     */
    static CsvReader<CsvRecord> records(Path path, FileShape shape, char delimiter, Limits limits,
                                        LongConsumer onLongLine) {
        return records(path, shape, delimiter, limits, onLongLine, null);
    }

    /**
     * As {@link #records(Path, FileShape, char, Limits, LongConsumer)}, counting the file's bytes as they are read.
     *
     * @param path       the file
     * @param shape      what the format says: charset, lines before the header
     * @param delimiter  the field separator
     * @param limits     the longest line and highest gzip ratio accepted
     * @param onLongLine gets the number of each line left out for its length
     * @param bytesRead  gains the file's bytes as they are read, or null
     * @return the reader, positioned at the header row; close it
     */
    static CsvReader<CsvRecord> records(Path path, FileShape shape, char delimiter, Limits limits,
                                        LongConsumer onLongLine, AtomicLong bytesRead) {
        return builder(shape, delimiter).ofCsvRecord(positioned(path, shape, limits, onLongLine, bytesRead),
                shape.charset());
    }

    /**
     * As {@link #records(Path, FileShape, char, Limits, LongConsumer, AtomicLong)}, each record read into one
     * reused {@link Fields} (no String per cell): the reader of data rows.
     *
     * @param path       the file
     * @param shape      what the format says: charset, lines before the header
     * @param delimiter  the field separator
     * @param limits     the longest line and highest gzip ratio accepted
     * @param onLongLine gets the number of each line left out for its length
     * @param bytesRead  gains the file's bytes as they are read, or null
     * @return the reader, positioned at the header row; close it
     */
    static CsvReader<Fields> fields(Path path, FileShape shape, char delimiter, Limits limits,
                                    LongConsumer onLongLine, AtomicLong bytesRead) {
        return builder(shape, delimiter).build(new Fields(), positioned(path, shape, limits, onLongLine, bytesRead),
                shape.charset());
    }

    private static InputStream positioned(Path path, FileShape shape, Limits limits, LongConsumer onLongLine,
                                          AtomicLong bytesRead) {
        InputStream in = open(path, limits, onLongLine, bytesRead);
        try {
            skipLines(in, shape.headerLine());
        } catch (IOException e) {
            throw new CsvFileException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return in;
    }

    private static CsvReader.CsvReaderBuilder builder(FileShape shape, char delimiter) {
        return CsvReader.builder()
                .fieldSeparator(delimiter)
                .commentStrategy(CommentStrategy.SKIP)
                .commentCharacter('#')
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(true)
                .detectBomHeader(shape.headerLine() == 0);
    }

    private static void skipLines(InputStream in, int lines) throws IOException {
        for (int skipped = 0; skipped < lines; ) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            if (b == '\n') {
                skipped++;
            }
        }
    }

    /** Adds the bytes read to a counter another thread reads (the status line's progress). */
    private static final class Counted extends FilterInputStream {
        private final AtomicLong count;

        Counted(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    /**
     * Bounds on hostile input.
     *
     * @param maxLineBytes the longest line read, in bytes
     * @param maxGzipRatio the highest decompressed / compressed ratio of a gzip file
     */
    record Limits(int maxLineBytes, int maxGzipRatio) {
        /** 1 MiB lines, ratio 1000. */
        static final Limits DEFAULT = new Limits(1 << 20, 1000);
    }
}
