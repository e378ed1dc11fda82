package io.slipstream.app.plugins;

import io.slipstream.spi.SourceProvider;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The source providers found on the classpath and in the plug-ins folder, by name. Closing it closes the
 * plug-in class loader.
 */
public final class ProviderRegistry implements Closeable {

    /**
     * A provider and where it was found.
     *
     * @param provider the provider
     * @param origin   {@code classpath} or the plug-in jar it came from
     */
    public record Found(SourceProvider provider, String origin) {
    }

    private final Map<String, Found> byName;
    private final List<String> notLoaded;
    private final Closeable loader;

    ProviderRegistry(Map<String, Found> byName, List<String> notLoaded, Closeable loader) {
        this.byName = new TreeMap<>(byName);
        this.notLoaded = List.copyOf(notLoaded);
        this.loader = loader;
    }

    /** @return why each provider that is declared but could not be loaded was skipped, naming its jar when known */
    public List<String> notLoaded() {
        return notLoaded;
    }

    /** @return every provider, sorted by name */
    public Collection<Found> all() {
        return byName.values();
    }

    /** @return the provider names, sorted */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * @param name a provider name from a config
     * @return the provider, if one has that name
     */
    public Optional<SourceProvider> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Found::provider);
    }

    /**
     * @param name a provider name
     * @return a message saying it is unknown, listing the known ones and those that could not be loaded
     */
    public String unknownMessage(String name) {
        return "unknown source provider '" + name + "'; known providers: "
                + (byName.isEmpty() ? "(none found)" : String.join(", ", byName.keySet()))
                + " (add a plug-in jar to the plugins folder for others)"
                + (notLoaded.isEmpty() ? "" : "; not loaded: " + String.join("; ", notLoaded));
    }

    /**
     * Picks the provider for a file by its declared extensions; the longest matching extension wins, so that
     * {@code .csv.gz} beats a plain {@code .gz}.
     *
     * @param file a file to replay
     * @return the provider, if one declares a matching extension
     */
    public Optional<SourceProvider> forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        SourceProvider best = null;
        int bestLength = 0;
        for (Found f : byName.values()) {
            for (String ext : f.provider().fileExtensions()) {
                String e = ext.toLowerCase(Locale.ROOT);
                if (name.endsWith(e) && e.length() > bestLength) {
                    best = f.provider();
                    bestLength = e.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return every declared extension with its provider, for error messages */
    public String knownExtensions() {
        List<String> out = new ArrayList<>();
        for (Found f : byName.values()) {
            for (String ext : f.provider().fileExtensions()) {
                out.add(ext + " (" + f.provider().name() + ")");
            }
        }
        return out.isEmpty() ? "(none)" : String.join(", ", out);
    }

    @Override
    public void close() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }
}
