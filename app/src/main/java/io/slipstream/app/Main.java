package io.slipstream.app;

import io.slipstream.spi.SourceProvider;
import java.util.ServiceLoader;

/**
 * Entry point of the {@code slipstream} command. Until the command's issue lands this only reports what the
 * build contains: the source plug-ins found on the classpath.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.out.println("Slipstream 0.1.0-SNAPSHOT: the command line is not built yet (args: "
                + String.join(" ", args) + ").");
        int found = 0;
        for (SourceProvider p : ServiceLoader.load(SourceProvider.class)) {
            System.out.println("  source plug-in found: " + p.name() + " - " + p.description());
            found++;
        }
        System.out.println(found + " source plug-in(s) found; nothing was streamed.");
    }
}
