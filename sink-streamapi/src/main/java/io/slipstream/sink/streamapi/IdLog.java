package io.slipstream.sink.streamapi;

import java.util.Arrays;

/** A growable list of the packet ids sent to one stream, in order; 8 bytes per packet, no boxing. */
final class IdLog {

    private long[] ids = new long[1024];
    private int size;

    synchronized void add(long id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    /** @return how many ids lie strictly between {@code after} and {@code before} */
    synchronized long countBetween(long after, long before) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            if (ids[i] > after && ids[i] < before) {
                n++;
            }
        }
        return n;
    }
}
