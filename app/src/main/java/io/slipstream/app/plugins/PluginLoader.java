package io.slipstream.app.plugins;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds source providers with {@link ServiceLoader}: those on the application's classpath and those in the
 * {@code *.jar} files of a plug-ins folder (loaded by one {@link URLClassLoader} whose parent is the
 * application's class loader, so plug-ins share the SPI and Reactor classes).
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private PluginLoader() {
    }

    /**
     * @param pluginsDir the plug-ins folder; a missing folder means no plug-ins
     * @return the providers by name; a provider that fails to load is logged and skipped
     * @throws ConfigException naming the jar when a {@code *.jar} in the folder cannot be read as a jar (the
     *                         class loader would skip it without a word, and its providers would just be "unknown")
     */
    public static ProviderRegistry load(Path pluginsDir) {
        ClassLoader parent = PluginLoader.class.getClassLoader();
        List<URL> jars = jars(pluginsDir);
        URLClassLoader pluginLoader = jars.isEmpty() ? null
                : new URLClassLoader("slipstream-plugins", jars.toArray(URL[]::new), parent);
        Map<String, ProviderRegistry.Found> byName = new LinkedHashMap<>();
        Iterator<SourceProvider> it = ServiceLoader.load(SourceProvider.class,
                pluginLoader != null ? pluginLoader : parent).iterator();
        while (true) {
            SourceProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("A source provider could not be loaded and is skipped: {}", e.getMessage());
                continue;
            }
            String origin = origin(p, pluginLoader);
            ProviderRegistry.Found earlier = byName.putIfAbsent(p.name(), new ProviderRegistry.Found(p, origin));
            if (earlier != null) {
                LOG.warn("Two source providers are named '{}': using the one from {}, ignoring the one from {}",
                        p.name(), earlier.origin(), origin);
            }
        }
        LOG.debug("Source providers found: {} ({} plug-in jar(s) in {})", byName.keySet(), jars.size(), pluginsDir);
        return new ProviderRegistry(byName, pluginLoader);
    }

    private static List<URL> jars(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<URL> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                checkReadable(f);
                out.add(f.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plug-ins folder " + dir, e);
        }
        return out;
    }

    private static void checkReadable(Path jar) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            LOG.debug("Plug-in jar {} opened", jar);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(jar.toString(), "--plugins",
                    "not a readable jar file (" + e.getMessage() + "); replace it or remove it from the plug-ins folder");
        }
    }

    private static String origin(SourceProvider p, URLClassLoader pluginLoader) {
        if (pluginLoader == null || p.getClass().getClassLoader() != pluginLoader) {
            return "classpath";
        }
        CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? "plug-in" : Path.of(cs.getLocation().getPath()).getFileName().toString();
    }
}
