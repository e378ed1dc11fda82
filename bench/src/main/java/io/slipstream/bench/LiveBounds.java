package io.slipstream.bench;

import io.slipstream.pipeline.OverflowSettings;
import io.slipstream.sink.streamapi.SinkSettings;

/**
 * The memory bounds of the live benchmark's bridge. {@code slipstream bench --live} always runs with the engine's
 * defaults, which is what it measures; a test shrinks them to see drops at a load a test can afford.
 *
 * @param buffer      the overflow buffer in samples ({@code overflow.buffer})
 * @param queueBytes  blocks waiting for the sink, bytes ({@code overflow.queue-bytes})
 * @param resendBytes packets kept per stream for a resend, bytes ({@code sink.resend-buffer-bytes}); a quarter of it
 *                    bounds the packets waiting to be sent
 */
record LiveBounds(int buffer, long queueBytes, long resendBytes) {

    /** @return the engine's defaults */
    static LiveBounds defaults() {
        OverflowSettings o = OverflowSettings.defaults();
        return new LiveBounds(o.buffer(), o.queueBytes(), SinkSettings.defaults().resendBufferBytes());
    }
}
