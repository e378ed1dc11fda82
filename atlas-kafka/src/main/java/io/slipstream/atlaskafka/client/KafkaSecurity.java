package io.slipstream.atlaskafka.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a Kafka client authenticates and encrypts: {@code security.protocol} and the {@code ssl.*} and {@code sasl.*}
 * client settings, read from a Kafka client properties file and from {@code SLIPSTREAM_KAFKA_*} environment variables
 * (which override the file; {@link #ENV_KEYS} lists them). For SASL PLAIN and SCRAM, {@code sasl.username} and {@code sasl.password} are a shorthand
 * for the {@code sasl.jaas.config} line. Immutable; {@link #toString()} names the keys and hides every value but the
 * protocol and mechanism, so a log line or an error message never carries a password.
 */
public final class KafkaSecurity {

    /** The prefix of the environment variables read: {@code SLIPSTREAM_KAFKA_SASL_PASSWORD} is {@code sasl.password}. */
    public static final String ENV_PREFIX = "SLIPSTREAM_KAFKA_";

    private static final String PROTOCOL = "security.protocol";
    private static final String MECHANISM = "sasl.mechanism";
    private static final String JAAS = "sasl.jaas.config";
    private static final String USERNAME = "sasl.username";
    private static final String PASSWORD = "sasl.password";
    /** The settings read from the environment, each as {@code SLIPSTREAM_KAFKA_} + the key in capitals, '.' as '_'. */
    public static final List<String> ENV_KEYS = List.of(PROTOCOL, MECHANISM, USERNAME, PASSWORD, JAAS,
            "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type", "ssl.truststore.certificates",
            "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.key.password",
            "ssl.keystore.certificate.chain", "ssl.keystore.key", "ssl.endpoint.identification.algorithm");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");
    private static final KafkaSecurity NONE = new KafkaSecurity(Map.of());

    private final Map<String, String> settings;

    private KafkaSecurity(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** @return no security settings: PLAINTEXT, the Kafka default */
    public static KafkaSecurity none() {
        return NONE;
    }

    /**
     * @param file a Kafka client properties file (may be null), e.g. the {@code client.properties} given to Kafka's tools
     * @param env  looks environment variables up; those of {@link #ENV_KEYS} override the file
     * @return the settings of both
     * @throws IllegalArgumentException naming the file or variable and the key, when a setting is not a security
     *                                  setting, a value is not allowed, or the settings do not fit together
     */
    public static KafkaSecurity load(Path file, Function<String, String> env) {
        Map<String, Source> merged = new TreeMap<>();
        if (file != null) {
            readFile(file).forEach((key, value) -> merged.put(key, new Source(value, file + ": key " + key)));
        }
        for (String key : ENV_KEYS) {
            String name = envName(key);
            String value = env.apply(name);
            if (value != null) {
                merged.put(key, new Source(value, "environment variable " + name));
            }
        }
        return checked(merged);
    }

    /**
     * @param settings security settings by Kafka client key (e.g. {@code security.protocol})
     * @return them, checked
     * @throws IllegalArgumentException as {@link #load}
     */
    public static KafkaSecurity of(Map<String, String> settings) {
        Map<String, Source> sourced = new TreeMap<>();
        settings.forEach((key, value) -> sourced.put(key, new Source(value, "key " + key)));
        return checked(sourced);
    }

    private record Source(String value, String where) {
    }

    private static KafkaSecurity checked(Map<String, Source> sourced) {
        Map<String, String> out = new TreeMap<>();
        sourced.forEach((key, source) -> {
            if (!key.equals(PROTOCOL) && !key.startsWith("ssl.") && !key.startsWith("sasl.")) {
                throw new IllegalArgumentException(source.where() + ": \"" + key + "\" is not a Kafka client security setting"
                        + " (allowed: security.protocol, ssl.*, sasl.*)");
            }
            if (source.value().isBlank()) {
                throw new IllegalArgumentException(source.where() + ": the value is empty");
            }
            out.put(key, source.value().trim());
        });
        String protocol = out.getOrDefault(PROTOCOL, "PLAINTEXT").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException(sourced.get(PROTOCOL).where() + ": \"" + out.get(PROTOCOL)
                    + "\" is not a security protocol, expected one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }
        if (out.containsKey(PROTOCOL)) {
            out.put(PROTOCOL, protocol);
        }
        boolean sasl = protocol.startsWith("SASL_");
        boolean saslSettings = out.keySet().stream().anyMatch(k -> k.startsWith("sasl."));
        if (saslSettings && !sasl) {
            throw new IllegalArgumentException("SASL settings " + out.keySet().stream().filter(k -> k.startsWith("sasl.")).toList()
                    + " are given but security.protocol is " + protocol + ": set it to SASL_SSL (or SASL_PLAINTEXT on a trusted network)");
        }
        if (out.containsKey(USERNAME) != out.containsKey(PASSWORD)) {
            String missing = out.containsKey(USERNAME) ? PASSWORD : USERNAME;
            throw new IllegalArgumentException(missing + " is missing: sasl.username and sasl.password go together"
                    + " (environment: " + ENV_PREFIX + "SASL_USERNAME, " + ENV_PREFIX + "SASL_PASSWORD)");
        }
        if (out.containsKey(USERNAME)) {
            if (out.containsKey(JAAS)) {
                throw new IllegalArgumentException("both sasl.jaas.config and sasl.username/sasl.password are given: keep one");
            }
            String mechanism = out.getOrDefault(MECHANISM, "PLAIN").toUpperCase(Locale.ROOT);
            String module = LOGIN_MODULES.get(mechanism);
            if (module == null) {
                throw new IllegalArgumentException("sasl.username/sasl.password work with sasl.mechanism PLAIN, SCRAM-SHA-256 or"
                        + " SCRAM-SHA-512, not " + mechanism + ": give sasl.jaas.config for it");
            }
            out.put(MECHANISM, mechanism);
            out.put(JAAS, module + " required username=\"" + jaasQuote(out.remove(USERNAME)) + "\" password=\""
                    + jaasQuote(out.remove(PASSWORD)) + "\";");
        }
        if (sasl && !out.containsKey(JAAS)) {
            throw new IllegalArgumentException("security.protocol " + protocol + " needs credentials: sasl.username and sasl.password"
                    + " (or sasl.jaas.config)");
        }
        return new KafkaSecurity(out);
    }

    /** @param key a setting of {@link #ENV_KEYS} @return the environment variable it is read from */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static String jaasQuote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, String> readFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Kafka client settings file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Kafka client settings file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.trim(), p.getProperty(k)));
        return out;
    }

    /** @return the client properties to add to a producer's, consumer's or admin's */
    public Map<String, String> properties() {
        return settings;
    }

    /** @return the protocol in use (PLAINTEXT when none is set) */
    public String protocol() {
        return settings.getOrDefault(PROTOCOL, "PLAINTEXT");
    }

    /** @return whether anything is set */
    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** @return the protocol, the mechanism and the names of the other keys, never their values */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(protocol());
        if (settings.containsKey(MECHANISM)) {
            s.append(' ').append(settings.get(MECHANISM));
        }
        settings.keySet().stream().filter(k -> !k.equals(PROTOCOL) && !k.equals(MECHANISM))
                .forEach(k -> s.append(' ').append(k).append("=(hidden)"));
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaSecurity other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }
}
