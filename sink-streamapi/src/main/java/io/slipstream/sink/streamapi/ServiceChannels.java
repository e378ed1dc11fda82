package io.slipstream.sink.streamapi;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** The two gRPC channels of a sink: Stream API and Key Generator, plaintext or (mutual) TLS. */
final class ServiceChannels implements AutoCloseable {

    private final ManagedChannel streamApi;
    private final ManagedChannel keyGenerator;

    ServiceChannels(SinkSettings s) {
        ChannelCredentials creds = credentials(s.tls());
        this.streamApi = Grpc.newChannelBuilder(s.streamApi(), creds)
                .maxInboundMessageSize(8 << 20).build();
        this.keyGenerator = s.keyGenerator().equals(s.streamApi()) ? streamApi
                : Grpc.newChannelBuilder(s.keyGenerator(), creds).build();
    }

    static ChannelCredentials credentials(TlsSettings tls) {
        if (tls == null) {
            return InsecureChannelCredentials.create();
        }
        try {
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
            if (tls.ca() != null) {
                b.trustManager(tls.ca().toFile());
            }
            if (tls.mutual()) {
                b.keyManager(tls.cert().toFile(), tls.key().toFile());
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS files (ca " + tls.ca() + ", cert " + tls.cert()
                    + ", key " + tls.key() + "): " + e.getMessage(), e);
        }
    }

    ManagedChannel streamApi() {
        return streamApi;
    }

    ManagedChannel keyGenerator() {
        return keyGenerator;
    }

    /** Makes the channels try to connect at once instead of waiting out their own reconnect backoff. */
    void resetBackoff() {
        streamApi.resetConnectBackoff();
        keyGenerator.resetConnectBackoff();
    }

    @Override
    public void close() {
        for (ManagedChannel c : keyGenerator == streamApi ? new ManagedChannel[] {streamApi}
                : new ManagedChannel[] {streamApi, keyGenerator}) {
            c.shutdown();
            try {
                if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                c.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
