package io.slipstream.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a tiny source provider at test time against the SPI on the test classpath and jars it with its
 * {@code META-INF/services} entry, as a third party would ship a plug-in. Its classes are never on the test
 * classpath, so only the plug-in class loader can find them.
 */
final class PluginJarBuilder {

    /** Provider {@code tiny}: a 100 Hz ramp of {@code samples} samples, read-time stamped, then the end. */
    static final String SOURCE = """
            package tiny;

            import io.slipstream.spi.ChannelDefinition;
            import io.slipstream.spi.OptionSpec;
            import io.slipstream.spi.OptionType;
            import io.slipstream.spi.SampleValue;
            import io.slipstream.spi.SessionMetadata;
            import io.slipstream.spi.SourceConfig;
            import io.slipstream.spi.SourceProvider;
            import io.slipstream.spi.TelemetrySource;
            import java.time.Instant;
            import java.util.List;
            import reactor.core.publisher.Flux;

            public final class TinyProvider implements SourceProvider {
                public String name() { return "tiny"; }
                public String description() { return "a ramp, from a plug-in jar"; }
                public List<OptionSpec> options() {
                    return List.of(OptionSpec.optional("samples", OptionType.INT, "300", "how many samples"));
                }
                public TelemetrySource create(SourceConfig config) {
                    int n = config.getInt("samples", 300);
                    return ctx -> Flux.defer(() -> {
                        ChannelDefinition ramp = ChannelDefinition.builder("Ramp:Tiny").units("m").range(0, n)
                                .frequencyHz(100).build();
                        ctx.declareChannels(List.of(ramp));
                        ctx.sessionMetadata(SessionMetadata.EMPTY.with(SessionMetadata.TRACK, "Plug-in Park")
                                .with(SessionMetadata.CAR, "Tiny").withStart(Instant.now()));
                        long t0 = ctx.nowNanos();
                        return Flux.range(0, n).map(i -> SampleValue.of(ramp, t0 + i * 10_000_000L, i));
                    });
                }
            }
            """;

    private PluginJarBuilder() {
    }

    /**
     * @param work       a scratch folder
     * @param pluginsDir where to put the jar
     * @return the jar
     * @throws IOException when files cannot be written
     */
    static Path build(Path work, Path pluginsDir) throws IOException {
        Path src = work.resolve("src/tiny/TinyProvider.java");
        Path classes = work.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, SOURCE);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        if (rc != 0) {
            throw new IllegalStateException("the plug-in source did not compile (javac exit " + rc + ")");
        }
        Files.createDirectories(pluginsDir);
        Path jar = pluginsDir.resolve("tiny-source.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.slipstream.spi.SourceProvider"));
            write(out, "tiny.TinyProvider\n");
            out.closeEntry();
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
