package io.slipstream.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What the bridge of a live benchmark reports when its session ended: one line from the child JVM to the parent.
 *
 * @param sessionKey           the session written
 * @param received             samples the source made
 * @param droppedSamples       samples the pipeline's buffer dropped (overflow policy)
 * @param filled               sample slots the pipeline filled in a short gap (block.gap), sent with the received ones
 * @param droppedPackets       packets the sink dropped (e.g. pushed out of the resend buffer during an outage)
 * @param droppedPacketSamples sample slots of those packets
 * @param reconnects           connections the sink re-established
 * @param resends              packets sent again after a reconnect
 * @param heapAfterGc          the largest heap in use right after a collection (what the bridge had to keep)
 * @param maxHeap              the heap limit ({@code -Xmx})
 * @param peakRss              the bridge process' peak resident set, or -1 where /proc is missing
 */
record LiveBridgeResult(String sessionKey, long received, long droppedSamples, long filled, long droppedPackets,
                        long droppedPacketSamples, long reconnects, long resends, long heapAfterGc, long maxHeap,
                        long peakRss) {

    /** @return the samples lost on the way, every one counted: those the buffer and the sink dropped */
    long droppedTotal() {
        return droppedSamples + droppedPacketSamples;
    }

    /** @return the line the child prints */
    String line() {
        return LiveBridge.RESULT + " session=" + sessionKey + " received=" + received + " droppedSamples=" + droppedSamples
                + " filled=" + filled + " droppedPackets=" + droppedPackets + " droppedPacketSamples=" + droppedPacketSamples
                + " reconnects=" + reconnects + " resends=" + resends + " heapAfterGc=" + heapAfterGc
                + " maxHeap=" + maxHeap + " peakRss=" + peakRss;
    }

    /**
     * @param line a line of the child's output
     * @return the result it carries
     * @throws IllegalStateException when the line says the bridge failed or is not a result
     */
    static LiveBridgeResult parse(String line) {
        if (!line.startsWith(LiveBridge.RESULT + " session=")) {
            throw new IllegalStateException("the bridge " + line.substring(Math.min(line.length(),
                    LiveBridge.RESULT.length() + 1)));
        }
        Map<String, String> v = new HashMap<>();
        for (String field : line.substring(LiveBridge.RESULT.length() + 1).split(" ")) {
            int eq = field.indexOf('=');
            v.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new LiveBridgeResult(v.get("session"), num(v, "received"), num(v, "droppedSamples"),
                num(v, "filled"), num(v, "droppedPackets"), num(v, "droppedPacketSamples"), num(v, "reconnects"), num(v, "resends"),
                num(v, "heapAfterGc"), num(v, "maxHeap"), num(v, "peakRss"));
    }

    private static long num(Map<String, String> v, String key) {
        return Long.parseLong(v.get(key));
    }
}
