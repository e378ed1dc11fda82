package io.slipstream.streamapi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole Open Streaming backend in this JVM: a Kafka broker (KRaft, unless an external Kafka is
 * configured), the Stream API and the Key Generator, all on 127.0.0.1 unless {@link ServerSecurity} opens the
 * Stream API and Key Generator to a network (the broker always stays on loopback).
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);

    private final KafkaBroker broker;
    private final String kafkaBootstrap;
    private final KeyGeneratorServer keyGenerator;
    private final StreamApiServer streamApi;
    private volatile boolean closed;

    private EmbeddedStack(KafkaBroker broker, String kafkaBootstrap, KeyGeneratorServer keyGenerator, StreamApiServer streamApi) {
        this.broker = broker;
        this.kafkaBootstrap = kafkaBootstrap;
        this.keyGenerator = keyGenerator;
        this.streamApi = streamApi;
    }

    /**
     * Starts the three parts and blocks until all are ready; on failure, whatever started is stopped again.
     *
     * @param options the stack's settings
     * @return the running stack
     * @throws IllegalStateException naming the part that did not start and why
     */
    public static EmbeddedStack start(StackOptions options) {
        long started = System.nanoTime();
        KafkaBroker broker = null;
        KeyGeneratorServer keyGenerator = null;
        // The Key Generator starts beside the broker: its gRPC and Netty classes load while Kafka's do.
        CompletableFuture<KeyGeneratorServer> keyGeneratorStart =
                CompletableFuture.supplyAsync(() -> KeyGeneratorServer.start(options.keyGeneratorPort(), options.security()),
                        EmbeddedStack::startThread);
        try {
            String bootstrap = options.externalBootstrap();
            if (bootstrap == null) {
                broker = KafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(), options.retention());
                bootstrap = broker.bootstrapServers();
            }
            keyGenerator = join(keyGeneratorStart);
            StreamApiServer streamApi = StreamApiServer.start(bootstrap, options.streamApiPort(), options);
            EmbeddedStack stack = new EmbeddedStack(broker, bootstrap, keyGenerator, streamApi);
            LOG.info("Embedded stack ready in {} ms: kafka={}, stream-api={}, key-generator={}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), bootstrap,
                    stack.streamApiAddress(), stack.keyGeneratorAddress());
            return stack;
        } catch (RuntimeException e) {
            if (keyGenerator == null) {
                keyGenerator = keyGeneratorStart.handle((k, error) -> k).join();
            }
            if (keyGenerator != null) {
                keyGenerator.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw new IllegalStateException("The embedded Open Streaming stack did not start: " + e.getMessage(), e);
        }
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "embedded-stack-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** @return the Kafka bootstrap servers the Stream API writes to */
    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** @return the Stream API port */
    public int streamApiPort() {
        return streamApi.port();
    }

    /** @return the Key Generator port */
    public int keyGeneratorPort() {
        return keyGenerator.port();
    }

    /** @return where a client on this machine reaches the Stream API */
    public String streamApiAddress() {
        return streamApi.address();
    }

    /** @return where a client on this machine reaches the Key Generator */
    public String keyGeneratorAddress() {
        return keyGenerator.address();
    }

    /** @return the Stream API, e.g. for its counters */
    public StreamApiServer streamApi() {
        return streamApi;
    }

    /** Stops the Stream API, the Key Generator and the broker, in that order; calling it twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        streamApi.close();
        keyGenerator.close();
        if (broker != null) {
            broker.close();
        }
        LOG.info("Embedded stack stopped");
    }
}
