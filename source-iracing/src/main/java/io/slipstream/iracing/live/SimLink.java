package io.slipstream.iracing.live;

/**
 * An open connection to the sim: its memory and its data-valid signal, closed together.
 *
 * @param memory the telemetry map
 * @param signal the data-valid event
 */
public record SimLink(SharedMemory memory, DataValidSignal signal) implements AutoCloseable {

    @Override
    public void close() {
        try {
            signal.close();
        } finally {
            memory.close();
        }
    }
}
