package io.slipstream.streamapi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who may reach the Stream API and the Key Generator, and over what. By default both listen on loopback only, in
 * cleartext as the official servers do: only programs on this machine reach them. {@code bindAddress} opens them to
 * a network deliberately; TLS (a certificate and its key) encrypts the calls, and a client CA makes it mutual TLS,
 * where only clients with a certificate that CA signed get in. The embedded Kafka broker always stays on loopback: it
 * has no authentication, and a client reaching it would bypass every check of the Stream API.
 *
 * @param bindAddress the address both gRPC servers listen on ({@value #LOOPBACK} by default; {@code 0.0.0.0} = every interface)
 * @param tlsCert     PEM certificate chain of the servers, or null for cleartext
 * @param tlsKey      PEM PKCS#8 private key of {@code tlsCert} (read, never logged), or null
 * @param clientCa    PEM CA certificates that client certificates must chain to (mutual TLS), or null to ask for none
 */
public record ServerSecurity(String bindAddress, Path tlsCert, Path tlsKey, Path clientCa) {

    /** The default bind address. */
    public static final String LOOPBACK = "127.0.0.1";

    /** Checks that certificate and key come together and that a client CA comes with them. */
    public ServerSecurity {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bind address is empty; expected an IP address such as 127.0.0.1 or 0.0.0.0");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate (--tls-cert) and its key (--tls-key), got only the "
                    + (tlsCert == null ? "key" : "certificate"));
        }
        if (clientCa != null && tlsCert == null) {
            throw new IllegalArgumentException("a client CA (--client-ca) needs TLS: give --tls-cert and --tls-key as well");
        }
    }

    /** @return loopback only, cleartext */
    public static ServerSecurity loopback() {
        return new ServerSecurity(LOOPBACK, null, null, null);
    }

    /** @return whether the servers speak TLS */
    public boolean tls() {
        return tlsCert != null;
    }

    /** @return whether clients must present a certificate signed by {@link #clientCa()} */
    public boolean mutualTls() {
        return clientCa != null;
    }

    /** @return whether only this machine can reach the bind address */
    public boolean loopbackOnly() {
        return resolve().isLoopbackAddress();
    }

    /** @return the bind address, resolved */
    public InetAddress resolve() {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address " + bindAddress + " cannot be resolved: " + e.getMessage(), e);
        }
    }

    /**
     * @param port a port the servers listen on
     * @return where a client on this machine connects: the bind address, or 127.0.0.1 when bound to every interface
     */
    public String clientAddress(int port) {
        InetAddress address = resolve();
        String host = address.isAnyLocalAddress() ? LOOPBACK : address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return a short description for the start-up line: address and transport */
    public String describe() {
        return bindAddress + (mutualTls() ? " (mutual TLS)" : tls() ? " (TLS)" : " (cleartext)");
    }
}
