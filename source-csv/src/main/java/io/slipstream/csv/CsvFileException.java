package io.slipstream.csv;

/**
 * A CSV file cannot be replayed at all: unreadable, empty, or without the time column the config names. The
 * message names the file (and line and column when they matter) and what was expected. Raised before any sample
 * is emitted.
 */
public final class CsvFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message where and what, e.g. {@code lap.csv: no column 'Time' in the header (columns: t, vCar)}
     */
    public CsvFileException(String message) {
        super(message);
    }

    /**
     * @param message where and what
     * @param cause   the underlying I/O error
     */
    public CsvFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
