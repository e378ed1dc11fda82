package io.slipstream.streamapi.writer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts client packets the Stream API wrote to Kafka (acknowledged by the broker), those it could not write, and
 * resends it dropped because they were already written.
 */
public final class WriteCounters {

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    void written() {
        written.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    /** @return packets acknowledged by Kafka */
    public long packetsWritten() {
        return written.get();
    }

    /** @return packets that could not be written (each one logged with its session key and id) */
    public long packetsFailed() {
        return failed.get();
    }

    /** @return resent packets dropped because the session already had them on Kafka (not counted as written) */
    public long packetsDuplicate() {
        return duplicates.get();
    }
}
