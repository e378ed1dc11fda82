package io.slipstream.sink.streamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import ma.streaming.api.v1.DataPacketDetails;
import ma.streaming.open_data.v1.Packet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ordered, flow-controlled transport of one stream over a real loopback socket. */
class StreamWriterTest {

    private final SinkCounters counters = new SinkCounters();
    private RecordingStreamApi api;
    private ServiceChannels channels;

    @AfterEach
    void close() throws Exception {
        if (channels != null) {
            channels.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private StreamWriter writer(int capacity) throws Exception {
        api = new RecordingStreamApi();
        SinkSettings settings = SinkSettings.defaults().withStreamApi(api.address()).withKeyGenerator(api.address());
        channels = new ServiceChannels(settings);
        ServiceCalls calls = new ServiceCalls(settings, channels);
        StreamWriter w = new StreamWriter("Stream1", channels.streamApi(), new SendQueue(capacity, 1 << 30), counters,
                new Reconnect("key-1", calls, new DeliveryConfirmation(null, Duration.ofSeconds(1), counters),
                        counters));
        w.open();
        return w;
    }

    private static OutboundPacket packet(long id, int size) {
        return new OutboundPacket(id, "Marker", DataPacketDetails.newBuilder().setStream("Stream1")
                .setSessionKey("key-1").setMessage(Packet.newBuilder().setType("Marker").setId(id)
                        .setContent(ByteString.copyFrom(new byte[size]))).build().toByteArray());
    }

    private List<Long> received() {
        return api.on("Stream1").stream().map(Packet::getId).toList();
    }

    @Test
    void sendsEveryPacketInOfferOrderThenEndsTheCall() throws Exception {
        StreamWriter w = writer(8);
        for (long id = 1; id <= 500; id++) {
            w.offer(packet(id, (int) (id % 7) * 100)).toFuture().get(10, TimeUnit.SECONDS);
        }
        w.close(Duration.ofSeconds(3)).block(Duration.ofSeconds(10));

        assertEquals(LongStream.rangeClosed(1, 500).boxed().toList(), received());
        assertEquals(500, counters.snapshot().packetsSent());
        assertEquals(LongStream.rangeClosed(1, 500).boxed().toList(),
                LongStream.of(w.ids()).boxed().toList());
    }

    @Test
    void aServerThatTakesNothingStopsTheOffersAndReleasingItSendsTheRest() throws Exception {
        StreamWriter w = writer(4);
        api.stall();
        // 200 packets of 64 KiB (12.8 MB): without flow control every offer would complete at once
        List<CompletableFuture<Void>> offers = new ArrayList<>();
        CompletableFuture<Void> waiting = null;
        for (long id = 1; id <= 200 && waiting == null; id++) {
            CompletableFuture<Void> f = w.offer(packet(id, 64 << 10)).toFuture();
            offers.add(f);
            // Parks (no spin): an offer still open after 5 s waits for room that a stalled server never makes.
            try {
                f.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException stillWaiting) {
                waiting = f;
            }
        }

        assertTrue(waiting != null, "200 packets of 64 KiB were taken by a server that reads nothing");
        assertTrue(offers.size() > 4, "the queue takes 4 packets without waiting; the offers stopped at "
                + offers.size());
        assertTrue(received().size() <= 3, "the stalled server asked for one request (3 packets of 64 KiB at "
                + "most), got " + received().size());

        api.release();
        waiting.get(10, TimeUnit.SECONDS);
        w.close(Duration.ofSeconds(3)).block(Duration.ofSeconds(10));
        assertEquals(LongStream.rangeClosed(1, offers.size()).boxed().toList(), received());
    }
}
