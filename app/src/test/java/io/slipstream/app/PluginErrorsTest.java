package io.slipstream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plug-ins that are not there or cannot be read: a config naming a provider whose jar is missing fails before
 * anything runs, naming file, line, key and the providers that are known; a jar in the plug-ins folder that is
 * not a readable jar fails every command that loads providers, naming the jar, instead of being skipped; a
 * provider class missing from its jar is reported with the jar, beside the providers that did load.
 */
class PluginErrorsTest {

    @TempDir
    static Path dir;

    private static Path config;
    private static Path goodJar;

    @BeforeAll
    static void aConfigForThePluginAndItsJar() throws IOException {
        config = Files.writeString(dir.resolve("tiny.yaml"), """
                pipelines:
                  - name: tiny
                    source: { provider: tiny, samples: 10 }
                    sink: { data-source: PluginErrors }
                """);
        goodJar = PluginJarBuilder.build(dir.resolve("plugin-build"), dir.resolve("good-plugins"));
    }

    @Test
    void aProviderWhoseJarIsMissingFailsNamingWhereAndTheKnownProviders() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-plugins"));
        String expected = config + ":3: pipelines[0].source.provider: unknown source provider 'tiny'; "
                + "known providers: csv, iracing, synthetic (add a plug-in jar to the plugins folder for others)";

        Cli.Result run = Cli.run("run", config.toString(), "--stream-api", "127.0.0.1:1", "--plugins", empty.toString());
        assertEquals(2, run.code(), run::toString);
        assertTrue(Arrays.asList(run.err().split("\\R")).contains(expected), run::toString);
        assertTrue(run.err().contains("1 problem(s) in " + config + "; nothing was run."), run::toString);
        assertFalse(run.out().contains("Running "), run::toString);

        Cli.Result validate = Cli.run("validate", config.toString(), "--plugins", empty.toString());
        assertEquals(2, validate.code(), validate::toString);
        assertTrue(Arrays.asList(validate.err().split("\\R")).contains(expected), validate::toString);

        Cli.Result withJar = Cli.run("validate", config.toString(), "--plugins", goodJar.getParent().toString());
        assertEquals(0, withJar.code(), "the same config is valid once the jar is there: " + withJar);
        assertTrue(withJar.out().contains("tiny: source tiny -> embedded stack"), withJar::toString);
    }

    @Test
    void aJarThatIsNotAZipFailsEveryCommandNamingTheJar() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("garbage-plugins"));
        Files.copy(goodJar, plugins.resolve(goodJar.getFileName()));
        Path broken = Files.writeString(plugins.resolve("broken-source.jar"), "this is not a zip file");
        assertNamesTheJar(broken, Cli.run("sources", "--plugins", plugins.toString()));
        assertNamesTheJar(broken, Cli.run("validate", config.toString(), "--plugins", plugins.toString()));
        Cli.Result run = Cli.run("run", config.toString(), "--stream-api", "127.0.0.1:1", "--plugins", plugins.toString());
        assertNamesTheJar(broken, run);
        assertFalse(run.out().contains("Running "), run::toString);
    }

    @Test
    void aTruncatedJarFailsNamingTheJar() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("truncated-plugins"));
        byte[] whole = Files.readAllBytes(goodJar);
        Path truncated = Files.write(plugins.resolve("tiny-source.jar"), Arrays.copyOf(whole, whole.length / 2));
        assertNamesTheJar(truncated, Cli.run("sources", "--plugins", plugins.toString()));
    }

    @Test
    void aProviderClassMissingFromItsJarIsReportedNamingTheJarNotSkippedSilently() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("ghost-plugins"));
        Files.copy(goodJar, plugins.resolve(goodJar.getFileName()));
        Path ghost = plugins.resolve("ghost-source.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(ghost))) {
            out.putNextEntry(new JarEntry("META-INF/services/io.slipstream.spi.SourceProvider"));
            out.write("# a provider whose class was left out of the jar\nghost.GhostProvider\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        String notLoaded = "ghost.GhostProvider not found (declared in " + ghost + ")";

        Cli.Result sources = Cli.run("sources", "--plugins", plugins.toString());
        assertEquals(0, sources.code(), "the providers that load are still listed: " + sources);
        assertTrue(sources.out().contains("tiny - a ramp, from a plug-in jar"), sources::toString);
        assertTrue(sources.err().contains("warning: a source provider could not be loaded: "), sources::toString);
        assertTrue(sources.err().contains(notLoaded), sources::toString);

        Path cfg = Files.writeString(dir.resolve("ghost.yaml"), """
                pipelines:
                  - name: ghost
                    source: { provider: ghost }
                """);
        Cli.Result validate = Cli.run("validate", cfg.toString(), "--plugins", plugins.toString());
        assertEquals(2, validate.code(), validate::toString);
        assertTrue(validate.err().contains(cfg + ":3: pipelines[0].source.provider: unknown source provider 'ghost'; "
                + "known providers: csv, iracing, synthetic, tiny (add a plug-in jar to the plugins folder for others); "
                + "not loaded: "), validate::toString);
        assertTrue(validate.err().contains(notLoaded), validate::toString);
    }

    private static void assertNamesTheJar(Path jar, Cli.Result r) {
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("error: " + jar + ": --plugins: not a readable jar file ("), r::toString);
        assertTrue(r.err().contains("); replace it or remove it from the plug-ins folder"), r::toString);
    }
}
