package io.slipstream.sink.streamapi;

import java.util.Arrays;

/**
 * A growable list of the packets sent to one stream, in order: each id with its bytes and sample slots, 16 bytes per
 * packet, no boxing; what a resend that finds packets gone from its buffer needs to count them exactly.
 */
final class IdLog {

    /**
     * Packets of the log in a range of ids.
     *
     * @param packets how many
     * @param bytes   their serialised bytes
     * @param samples their sample slots
     */
    record Span(long packets, long bytes, long samples) {
    }

    private long[] ids = new long[1024];
    private int[] bytes = new int[1024];
    private int[] samples = new int[1024];
    private int size;

    synchronized void add(long id, int packetBytes, int packetSamples) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            bytes = Arrays.copyOf(bytes, size * 2);
            samples = Arrays.copyOf(samples, size * 2);
        }
        ids[size] = id;
        bytes[size] = packetBytes;
        samples[size] = packetSamples;
        size++;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    /** @return the packets whose ids lie strictly between {@code after} and {@code before} */
    synchronized Span between(long after, long before) {
        long n = 0;
        long b = 0;
        long s = 0;
        for (int i = 0; i < size; i++) {
            if (ids[i] > after && ids[i] < before) {
                n++;
                b += bytes[i];
                s += samples[i];
            }
        }
        return new Span(n, b, s);
    }
}
