package io.slipstream.bench;

/**
 * Chooses the benchmark's own logging config (INFO for our code, WARN for Kafka and gRPC) when it runs on its own,
 * unless the user chose one; also used by the JMH benchmarks' forked JVMs. The file is not called {@code logback.xml}, so that it never shadows the app's.
 */
public final class BenchLogging {

    /** Logback's property naming its config file. */
    static final String PROPERTY = "logback.configurationFile";
    /** The benchmark's config, a resource of this module. */
    static final String CONFIG = "slipstream-bench-logback.xml";

    private BenchLogging() {
    }

    /** Sets the property if absent; call before the first logger is created. */
    public static void quiet() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, CONFIG);
        }
    }
}
