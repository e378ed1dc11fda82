package io.slipstream.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens a CSV file as a stream: gzip is recognised by its magic bytes, a UTF-8 byte order mark is skipped. */
final class FileInput {

    private static final int BUFFER = 1 << 16;

    private FileInput() {
    }

    /**
     * @param path the file
     * @return its bytes, decompressed when gzip
     * @throws CsvFileException naming the file when it cannot be opened
     */
    static InputStream open(Path path) {
        try {
            BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
            }
            return in;
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
     * @param path      the file
     * @param delimiter the field separator
     * @return the reader; close it
     */
    static CsvReader<CsvRecord> records(Path path, char delimiter) {
        return CsvReader.builder()
                .fieldSeparator(delimiter)
                .commentStrategy(CommentStrategy.SKIP)
                .commentCharacter('#')
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(true)
                .ofCsvRecord(open(path), StandardCharsets.UTF_8);
    }
}
