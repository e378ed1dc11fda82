package io.slipstream.bench;

import io.slipstream.atlaskafka.layout.KafkaLayout;
import io.slipstream.streamapi.EmbeddedStack;
import io.slipstream.streamapi.ServerLimits;
import io.slipstream.streamapi.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Where a benchmark writes: the embedded stack it starts (and stops on close), or an external Stream API and its
 * Kafka. The embedded stack's data topics are created before the server sees them, with the broker's append time
 * as record timestamp, so that latency is measured up to the moment Kafka appended.
 *
 * @param dataSource   the data source to write: the given name, with a time suffix on an external target so that
 *                     runs do not mix
 * @param streamApi    the Stream API, {@code host:port}
 * @param keyGenerator the Key Generator, {@code host:port}
 * @param kafka        the Kafka bootstrap servers
 * @param mappings     the stream-to-partition mappings of the layout (empty on an external target)
 * @param stack        the embedded stack, or null
 * @param dataDir      its data directory, or null
 */
record BenchTarget(String dataSource, String streamApi, String keyGenerator, String kafka,
                   Map<String, Integer> mappings, EmbeddedStack stack, Path dataDir) implements AutoCloseable {

    /**
     * @param options    the embedded stack, or the external target's addresses
     * @param dataSource the data source's name
     * @param limits     what the embedded Stream API allows each client
     * @return the target, started if embedded
     * @throws IllegalStateException when the embedded stack's directory cannot be made
     */
    static BenchTarget open(BenchOptions options, String dataSource, ServerLimits limits) {
        if (!options.embedded()) {
            return new BenchTarget(dataSource + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")), options.target(),
                    options.keyGenerator(), options.kafkaBootstrap(), Map.of(), null, null);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("slipstream-bench-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the embedded stack's data directory: " + e.getMessage(), e);
        }
        EmbeddedStack stack = null;
        try {
            StackOptions stackOptions = StackOptions.ephemeral(dir).withLimits(limits);
            stack = EmbeddedStack.start(stackOptions);
            Map<String, Integer> mappings = stackOptions.partitionMappings();
            FullPathBench.createTopicsWithAppendTime(stack.kafkaBootstrap(),
                    KafkaLayout.legacy(mappings, false).topicsOf(dataSource));
            return new BenchTarget(dataSource, stack.streamApiAddress(), stack.keyGeneratorAddress(),
                    stack.kafkaBootstrap(), mappings, stack, dir);
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            }
            FullPathBench.deleteQuietly(dir);
            throw e;
        }
    }

    /** Stops the embedded stack and deletes its data; nothing for an external target. */
    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
        if (dataDir != null) {
            FullPathBench.deleteQuietly(dataDir);
        }
    }
}
