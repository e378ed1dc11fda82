package io.slipstream.iracing.live;

import java.nio.ByteBuffer;

/**
 * A read-only view of the sim's telemetry map: the Windows file mapping live, or a mapped dump file in tests and
 * replays. The same reader code runs over both.
 */
public interface SharedMemory extends AutoCloseable {

    /** @return the mapped bytes, little-endian, at least as long as every region the header names */
    ByteBuffer view();

    /** Unmaps and releases the handle. */
    @Override
    void close();
}
