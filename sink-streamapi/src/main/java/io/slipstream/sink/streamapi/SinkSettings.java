package io.slipstream.sink.streamapi;

import io.slipstream.atlaskafka.client.KafkaConnection;
import io.slipstream.atlaskafka.client.KafkaSecurity;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.UnknownKeys;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the Stream API sink needs to know: where the services are, which data source, stream and session
 * identifier to write, security, delivery confirmation and the resend buffer.
 *
 * @param streamApi           the Stream API, {@code host:port} ({@code embedded} is resolved by the app)
 * @param keyGenerator        the Key Generator, {@code host:port}
 * @param dataSource          the ATLAS data source (the Kafka topic prefix)
 * @param stream              the data stream; configuration, markers and session packets also go to the main stream ""
 * @param identifierTemplate  the session identifier, with placeholders such as {@code {track}} (see {@code IdentifierTemplate})
 * @param sessionType         the session type, e.g. {@code Session}
 * @param version             the session version
 * @param tls                 transport security, or null for plaintext
 * @param confirm             whether to read the session back from Kafka and confirm every packet landed
 * @param confirmTimeout      how long confirmation waits for the last packets
 * @param kafkaBootstrap      the Kafka behind the Stream API (for confirmation and exact resume), or null
 * @param resendBufferPackets packets kept per stream for resending after a reconnect (also the send queue bound)
 * @param resendBufferBytes   bytes kept per stream for resending after a reconnect
 * @param retry               backoff for reaching the services
 * @param maxPacketBytes      cap of one data block's packet content in bytes: a block over it goes out as several
 *                            packets, one after another in time; a single row over it is an error
 * @param kafkaSecurity       SSL / SASL settings of that Kafka ({@link KafkaSecurity#none()} for PLAINTEXT); its
 *                            {@code toString} hides every secret, and so does this record's
 */
public record SinkSettings(String streamApi, String keyGenerator, String dataSource, String stream,
                           String identifierTemplate, String sessionType, int version, TlsSettings tls,
                           boolean confirm, Duration confirmTimeout, String kafkaBootstrap,
                           int resendBufferPackets, long resendBufferBytes, RetrySettings retry, int maxPacketBytes,
                           KafkaSecurity kafkaSecurity) {

    /** The keys {@link #fromConfig} accepts. */
    public static final Set<String> KEYS = Set.of("stream-api", "key-generator", "data-source", "stream",
            "identifier", "type", "version", "tls", "confirm", "confirm-timeout", "kafka", "resend-buffer",
            "resend-buffer-bytes", "retry", "max-packet-bytes");

    /**
     * The default cap of a data packet, 3 MiB: under the 4 MiB a gRPC server (the official Stream API among them)
     * takes per request by default, with room for the envelope and the request's framing.
     */
    public static final int DEFAULT_MAX_PACKET_BYTES = 3 << 20;
    /** The smallest cap accepted: a packet of one row of a few hundred channels. */
    public static final int MIN_MAX_PACKET_BYTES = 4 << 10;

    /** Checks the values. */
    public SinkSettings {
        Objects.requireNonNull(streamApi, "streamApi");
        Objects.requireNonNull(keyGenerator, "keyGenerator");
        if (dataSource == null || dataSource.isBlank()) {
            throw new IllegalArgumentException("data source must not be blank");
        }
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(identifierTemplate, "identifierTemplate");
        Objects.requireNonNull(sessionType, "sessionType");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
        if (resendBufferPackets < 1 || resendBufferBytes < 1) {
            throw new IllegalArgumentException("resend buffer must hold at least one packet and one byte");
        }
        if (maxPacketBytes < MIN_MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("max packet bytes must be at least " + MIN_MAX_PACKET_BYTES + ", got "
                    + maxPacketBytes);
        }
    }

    /**
     * Settings with a PLAINTEXT Kafka.
     *
     * @param streamApi           the Stream API
     * @param keyGenerator        the Key Generator
     * @param dataSource          the ATLAS data source
     * @param stream              the data stream
     * @param identifierTemplate  the session identifier
     * @param sessionType         the session type
     * @param version             the session version
     * @param tls                 transport security, or null
     * @param confirm             whether to confirm every packet landed
     * @param confirmTimeout      how long confirmation waits
     * @param kafkaBootstrap      the Kafka behind the Stream API, or null
     * @param resendBufferPackets packets kept per stream for resending
     * @param resendBufferBytes   bytes kept per stream for resending
     * @param retry               backoff for reaching the services
     * @param maxPacketBytes      cap of one data block's packet content in bytes
     */
    public SinkSettings(String streamApi, String keyGenerator, String dataSource, String stream,
                        String identifierTemplate, String sessionType, int version, TlsSettings tls,
                        boolean confirm, Duration confirmTimeout, String kafkaBootstrap,
                        int resendBufferPackets, long resendBufferBytes, RetrySettings retry, int maxPacketBytes) {
        this(streamApi, keyGenerator, dataSource, stream, identifierTemplate, sessionType, version, tls, confirm,
                confirmTimeout, kafkaBootstrap, resendBufferPackets, resendBufferBytes, retry, maxPacketBytes,
                KafkaSecurity.none());
    }

    /**
     * Settings with the default packet cap and a PLAINTEXT Kafka.
     *
     * @param streamApi           the Stream API
     * @param keyGenerator        the Key Generator
     * @param dataSource          the ATLAS data source
     * @param stream              the data stream
     * @param identifierTemplate  the session identifier
     * @param sessionType         the session type
     * @param version             the session version
     * @param tls                 transport security, or null
     * @param confirm             whether to confirm every packet landed
     * @param confirmTimeout      how long confirmation waits
     * @param kafkaBootstrap      the Kafka behind the Stream API, or null
     * @param resendBufferPackets packets kept per stream for resending
     * @param resendBufferBytes   bytes kept per stream for resending
     * @param retry               backoff for reaching the services
     */
    public SinkSettings(String streamApi, String keyGenerator, String dataSource, String stream,
                        String identifierTemplate, String sessionType, int version, TlsSettings tls,
                        boolean confirm, Duration confirmTimeout, String kafkaBootstrap,
                        int resendBufferPackets, long resendBufferBytes, RetrySettings retry) {
        this(streamApi, keyGenerator, dataSource, stream, identifierTemplate, sessionType, version, tls, confirm,
                confirmTimeout, kafkaBootstrap, resendBufferPackets, resendBufferBytes, retry,
                DEFAULT_MAX_PACKET_BYTES);
    }

    /** @return the defaults: local official ports, data source Slipstream, stream Stream1, plaintext, no confirmation */
    public static SinkSettings defaults() {
        return new SinkSettings("localhost:13579", "localhost:15379", "Slipstream", "Stream1",
                "{track} - {car} - {date}", "Session", 1, null, false, Duration.ofSeconds(30), null,
                10_000, 64L << 20, RetrySettings.defaults());
    }

    /**
     * Reads a pipeline's {@code sink} section over the defaults.
     *
     * @param c the section
     * @return the settings
     * @throws io.slipstream.spi.ConfigException naming the key for an unknown key or a bad value
     */
    public static SinkSettings fromConfig(ConfigSection c) {
        UnknownKeys.check(c, KEYS);
        SinkSettings d = defaults();
        TlsSettings tls = null;
        Optional<ConfigSection> t = c.section("tls");
        if (t.isPresent()) {
            ConfigSection tc = t.get();
            UnknownKeys.check(tc, Set.of("ca", "cert", "key"));
            if (tc.has("cert") != tc.has("key")) {
                throw tc.error(tc.has("cert") ? "key" : "cert", "mutual TLS needs both cert and key");
            }
            tls = new TlsSettings(tc.getPath("ca", null), tc.getPath("cert", null), tc.getPath("key", null));
        }
        RetrySettings retry = d.retry();
        Optional<ConfigSection> r = c.section("retry");
        if (r.isPresent()) {
            ConfigSection rc = r.get();
            UnknownKeys.check(rc, Set.of("attempts", "initial", "max"));
            try {
                retry = new RetrySettings(rc.getInt("attempts", retry.attempts()),
                        rc.getDuration("initial", retry.initial()), rc.getDuration("max", retry.max()));
            } catch (IllegalArgumentException e) {
                throw c.error("retry", e.getMessage());
            }
        }
        int packets = c.getInt("resend-buffer", d.resendBufferPackets());
        if (packets < 1) {
            throw c.error("resend-buffer", "expected a number of packets of at least 1, found " + packets);
        }
        long bytes = c.getBytes("resend-buffer-bytes", d.resendBufferBytes());
        long maxPacket = c.getBytes("max-packet-bytes", d.maxPacketBytes());
        if (maxPacket < MIN_MAX_PACKET_BYTES || maxPacket > Integer.MAX_VALUE / 4) {
            throw c.error("max-packet-bytes", "expected a size from " + MIN_MAX_PACKET_BYTES + " bytes to 512MB,"
                    + " found " + maxPacket + " bytes (the official Stream API takes requests up to 4MB)");
        }
        return new SinkSettings(
                c.getString("stream-api", d.streamApi()),
                c.getString("key-generator", d.keyGenerator()),
                nonBlank(c, "data-source", d.dataSource()),
                c.getString("stream", d.stream()),
                c.getString("identifier", d.identifierTemplate()),
                nonBlank(c, "type", d.sessionType()),
                c.getInt("version", d.version()),
                tls,
                c.getBoolean("confirm", d.confirm()),
                c.getDuration("confirm-timeout", d.confirmTimeout()),
                c.getString("kafka", d.kafkaBootstrap()),
                packets, bytes, retry, (int) maxPacket);
    }

    private static String nonBlank(ConfigSection c, String key, String def) {
        String v = c.getString(key, def);
        if (v.isBlank()) {
            throw c.error(key, "must not be blank");
        }
        return v;
    }

    /** @param v {@code host:port} @return a copy with that Stream API address */
    public SinkSettings withStreamApi(String v) {
        return with(c -> c.streamApi = v);
    }

    /** @param v {@code host:port} @return a copy with that Key Generator address */
    public SinkSettings withKeyGenerator(String v) {
        return with(c -> c.keyGenerator = v);
    }

    /** @param v Kafka bootstrap servers, or null @return a copy with that Kafka address */
    public SinkSettings withKafkaBootstrap(String v) {
        return with(c -> c.kafkaBootstrap = v);
    }

    /** @param v SSL / SASL settings of the Kafka read back @return a copy with them */
    public SinkSettings withKafkaSecurity(KafkaSecurity v) {
        return with(c -> c.kafkaSecurity = v);
    }

    /** @return the Kafka behind the Stream API and how to talk to it, or null when no Kafka is given */
    public KafkaConnection kafkaConnection() {
        return kafkaBootstrap == null ? null : new KafkaConnection(kafkaBootstrap, kafkaSecurity);
    }

    /** @param v transport security, or null @return a copy with it */
    public SinkSettings withTls(TlsSettings v) {
        return with(c -> c.tls = v);
    }

    /** @param on whether to confirm @param timeout how long to wait @return a copy with confirmation set */
    public SinkSettings withConfirm(boolean on, Duration timeout) {
        return with(c -> {
            c.confirm = on;
            c.confirmTimeout = timeout;
        });
    }

    /** @param v backoff @return a copy with it */
    public SinkSettings withRetry(RetrySettings v) {
        return with(c -> c.retry = v);
    }

    /** @param packets packets @param bytes bytes @return a copy with that resend buffer */
    public SinkSettings withResendBuffer(int packets, long bytes) {
        return with(c -> {
            c.resendBufferPackets = packets;
            c.resendBufferBytes = bytes;
        });
    }

    /** @param v cap of one data packet's content in bytes @return a copy with it */
    public SinkSettings withMaxPacketBytes(int v) {
        return with(c -> c.maxPacketBytes = v);
    }

    /** @param v data source @return a copy with it */
    public SinkSettings withDataSource(String v) {
        return with(c -> c.dataSource = v);
    }

    /** @param v stream @return a copy with it */
    public SinkSettings withStream(String v) {
        return with(c -> c.stream = v);
    }

    private SinkSettings with(java.util.function.Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new SinkSettings(c.streamApi, c.keyGenerator, c.dataSource, c.stream, identifierTemplate, sessionType,
                version, c.tls, c.confirm, c.confirmTimeout, c.kafkaBootstrap, c.resendBufferPackets,
                c.resendBufferBytes, c.retry, c.maxPacketBytes, c.kafkaSecurity);
    }

    /** The changeable parts of a copy. */
    private static final class Copy {
        String streamApi;
        String keyGenerator;
        String dataSource;
        String stream;
        TlsSettings tls;
        boolean confirm;
        Duration confirmTimeout;
        String kafkaBootstrap;
        int resendBufferPackets;
        long resendBufferBytes;
        RetrySettings retry;
        int maxPacketBytes;
        KafkaSecurity kafkaSecurity;

        Copy(SinkSettings s) {
            streamApi = s.streamApi;
            keyGenerator = s.keyGenerator;
            dataSource = s.dataSource;
            stream = s.stream;
            tls = s.tls;
            confirm = s.confirm;
            confirmTimeout = s.confirmTimeout;
            kafkaBootstrap = s.kafkaBootstrap;
            resendBufferPackets = s.resendBufferPackets;
            resendBufferBytes = s.resendBufferBytes;
            retry = s.retry;
            maxPacketBytes = s.maxPacketBytes;
            kafkaSecurity = s.kafkaSecurity;
        }
    }
}
