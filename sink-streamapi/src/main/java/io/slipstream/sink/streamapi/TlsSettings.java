package io.slipstream.sink.streamapi;

import java.nio.file.Path;

/**
 * Transport security towards the Stream API and Key Generator. Plaintext (h2c) is the default, as the official
 * server; with a CA the channel is TLS, and with a certificate and key as well it is mutual TLS.
 *
 * @param ca   PEM file of the CA that signed the server certificate; null trusts the JDK's default CAs
 * @param cert PEM client certificate chain for mutual TLS, or null
 * @param key  PEM PKCS#8 private key of {@code cert}, or null
 */
public record TlsSettings(Path ca, Path cert, Path key) {

    /** Checks that certificate and key come together. */
    public TlsSettings {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("mutual TLS needs both a certificate and a key, got "
                    + (cert == null ? "only a key" : "only a certificate"));
        }
    }

    /** @return whether a client certificate is presented */
    public boolean mutual() {
        return cert != null;
    }
}
