package io.slipstream.csv;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What inspecting the head of a file found out; everything the row reader needs.
 *
 * @param path          the file
 * @param shape         what its logger format says (charset, header position, laps, how cells are written)
 * @param limits        bounds on hostile input
 * @param delimiter     field separator
 * @param decimal       decimal separator
 * @param headerSize    number of fields in the header
 * @param time          the time column, or null when samples are placed by rate
 * @param timeFormat    how time cells are written (null without a time column)
 * @param absolute      whether times are since the epoch (true) or offsets from a start (false)
 * @param unitsRow      whether a record after the header holds units
 * @param recordsBefore records before the first data row: the header and the rows after it that hold no data
 * @param channels      the value columns, in file order (a derived lap column last)
 * @param textColumns   columns left out because their cells are text
 * @param renamed       one note per column renamed because its name appeared before in the header
 * @param fileStart     start time given in the file (preamble), or null
 * @param metadata      other session details of the file (track, car, driver, logger, ...)
 * @param rateHz        nominal rate: configured, inferred from the first rows' time deltas, or 0 when unknown
 * @param firstTime     the first data row's time as written (epoch ns when absolute, else an offset); 0 without
 *                      a time column
 */
record CsvLayout(Path path, FileShape shape, FileInput.Limits limits, char delimiter, char decimal, int headerSize,
                 Column time, TimeFormat timeFormat, boolean absolute, boolean unitsRow, int recordsBefore,
                 List<Column> channels, List<String> textColumns, List<String> renamed, Instant fileStart,
                 Map<String, String> metadata, double rateHz, long firstTime) {

    /** Copies the lists and map. */
    CsvLayout {
        channels = List.copyOf(channels);
        textColumns = List.copyOf(textColumns);
        renamed = List.copyOf(renamed);
        metadata = Map.copyOf(metadata);
    }

    /** @return the file name as messages show it */
    String label() {
        return path.getFileName().toString();
    }

    /** @return records before the first data row */
    int recordsBeforeData() {
        return recordsBefore;
    }
}
