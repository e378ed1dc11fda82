package io.slipstream.sink.streamapi;

/**
 * A packet that can never fit the packet cap, however it is split: a single row of a block or row batch is already
 * larger. Sending it would only be refused by the server again and again, so the run stops with this, the packet
 * counted as dropped ({@code packet-too-large}).
 */
public final class PacketTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long bytes;

    /**
     * @param message what is too large, how large, and the cap
     * @param bytes   the content bytes it needs (of the whole block; of the row that does not fit for rows)
     */
    PacketTooLargeException(String message, long bytes) {
        super(message);
        this.bytes = bytes;
    }

    /** @return the content bytes it needs */
    public long bytes() {
        return bytes;
    }
}
