package io.slipstream.app.plugins;

import io.slipstream.spi.ConfigException;
import io.slipstream.spi.SourceProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
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
    private static final String SERVICES = "META-INF/services/" + SourceProvider.class.getName();

    private PluginLoader() {
    }

    /**
     * @param pluginsDir the plug-ins folder; a missing folder means no plug-ins
     * @return the providers by name; a provider that fails to load is skipped, logged and kept in
     *         {@link ProviderRegistry#notLoaded()} naming the jar that declares it
     * @throws ConfigException naming the jar when a {@code *.jar} in the folder cannot be read as a jar (the
     *                         class loader would skip it without a word, and its providers would just be "unknown")
     */
    public static ProviderRegistry load(Path pluginsDir) {
        ClassLoader parent = PluginLoader.class.getClassLoader();
        Map<Path, List<String>> declared = jars(pluginsDir);
        List<URL> jars = urls(declared.keySet());
        URLClassLoader pluginLoader = jars.isEmpty() ? null
                : new URLClassLoader("slipstream-plugins", jars.toArray(URL[]::new), parent);
        List<String> notLoaded = new ArrayList<>();
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
                String problem = e.getMessage() + declaringJar(e.getMessage(), declared);
                LOG.warn("A source provider could not be loaded and is skipped: {}", problem);
                notLoaded.add(problem);
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
        return new ProviderRegistry(byName, notLoaded, pluginLoader);
    }

    /** @return each {@code *.jar} of the folder, sorted, with the provider classes its services file declares */
    private static Map<Path, List<String>> jars(Path dir) {
        Map<Path, List<String>> out = new LinkedHashMap<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                out.put(f, declaredProviders(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plug-ins folder " + dir, e);
        }
        return out;
    }

    private static List<URL> urls(Collection<Path> jars) {
        List<URL> out = new ArrayList<>();
        for (Path jar : jars) {
            try {
                out.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /**
     * Opens a plug-in jar, which also proves that it is one.
     *
     * @return the class names its {@code META-INF/services} file for {@link SourceProvider} lists
     */
    private static List<String> declaredProviders(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry services = file.getJarEntry(SERVICES);
            if (services == null) {
                LOG.debug("Plug-in jar {} declares no source provider (a library of another plug-in?)", jar);
                return List.of();
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
                return in.lines().map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
            }
        } catch (IOException | SecurityException e) {
            throw new ConfigException(jar.toString(), "--plugins",
                    "not a readable jar file (" + e.getMessage() + "); replace it or remove it from the plug-ins folder");
        }
    }

    /** @return " (declared in JAR)" for the jar whose services file names a class the message names, else "" */
    private static String declaringJar(String message, Map<Path, List<String>> declared) {
        for (Map.Entry<Path, List<String>> e : declared.entrySet()) {
            for (String className : e.getValue()) {
                if (message != null && Pattern.compile("\\b" + Pattern.quote(className) + "\\b").matcher(message).find()) {
                    return " (declared in " + e.getKey() + ")";
                }
            }
        }
        return "";
    }

    private static String origin(SourceProvider p, URLClassLoader pluginLoader) {
        if (pluginLoader == null || p.getClass().getClassLoader() != pluginLoader) {
            return "classpath";
        }
        CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
        return cs == null || cs.getLocation() == null ? "plug-in" : Path.of(cs.getLocation().getPath()).getFileName().toString();
    }
}
