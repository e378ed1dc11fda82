package io.slipstream.streamapi.writer;

import java.util.concurrent.atomic.AtomicLong;

/** Counts client packets the Stream API wrote to Kafka (acknowledged by the broker) and those it could not write. */
public final class WriteCounters {

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void written() {
        written.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    /** @return packets acknowledged by Kafka */
    public long packetsWritten() {
        return written.get();
    }

    /** @return packets that could not be written (each one logged with its session key and id) */
    public long packetsFailed() {
        return failed.get();
    }
}
