package io.slipstream.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipstream.spi.ChannelDefinition;
import io.slipstream.pipeline.config.ConfigSection;
import io.slipstream.spi.OptionSpec;
import io.slipstream.spi.SampleValue;
import io.slipstream.spi.SourceProvider;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Adding a source" example, compiled as written against the SPI and this kit, then run: it reads real
 * UDP frames on loopback and turns them into samples.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmesAddingASourceExampleCompilesAndReadsFrames(@TempDir Path dir) throws Exception {
        SourceProvider provider = compile(example(), dir);
        assertEquals("my-rig", provider.name());
        assertEquals(List.of("port"), provider.options().stream().map(OptionSpec::name).toList());

        int port = freeUdpPort();
        RecordingSourceContext<?> ctx = RecordingSourceContext.realTime();
        CompletableFuture<List<SampleValue>> samples = provider.create(ConfigSection.of(Map.of("port", port)))
                .samples(ctx).take(3).collectList().toFuture();
        // The socket binds on subscribe, on another thread: frames sent before that are lost, so send until three
        // have arrived, each round waiting at most 50 ms.
        try (DatagramSocket sender = new DatagramSocket()) {
            byte[] frame = ByteBuffer.allocate(8).putDouble(187.5).array();
            for (int round = 0; round < 200 && !samples.isDone(); round++) {
                sender.send(new DatagramPacket(frame, frame.length, InetAddress.getLoopbackAddress(), port));
                try {
                    samples.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // next round
                }
            }
        }
        assertTrue(samples.isDone(), "no three frames arrived on UDP port " + port + " within 200 rounds");
        List<SampleValue> got = samples.get();
        ChannelDefinition speed = ctx.channels().get(0);
        assertEquals("Speed:MyRig", speed.identifier());
        assertEquals("km/h", speed.units());
        assertEquals(1, ctx.channels().size());
        for (SampleValue s : got) {
            assertEquals(speed, s.channel());
            assertEquals(187.5, s.value());
        }
    }

    /** @return the first Java block after the "Adding a source" heading */
    private static String example() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf("## Adding a source");
        assertTrue(section >= 0, README + ": no '## Adding a source' heading");
        int start = readme.indexOf("```java\n", section);
        int end = readme.indexOf("```", start + 8);
        assertTrue(start > 0 && end > start, README + ": no ```java block under 'Adding a source'");
        return readme.substring(start + 8, end);
    }

    private static SourceProvider compile(String source, Path dir) throws Exception {
        Path file = dir.resolve("my/rig/MyProvider.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no Java compiler in this runtime (a JRE, not a JDK)");
        int rc = javac.run(null, null, null, "-d", dir.toString(), "-classpath",
                System.getProperty("java.class.path"), file.toString());
        assertEquals(0, rc, "the README's example did not compile (javac's messages are above)");
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader());
        return (SourceProvider) loader.loadClass("my.rig.MyProvider").getDeclaredConstructor().newInstance();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
