package io.slipstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port in front of a Stream API that can freeze it (no byte moves either way, connections
 * stay open: what {@code kill -STOP} of the server gives) and take it down (open connections reset, new ones refused:
 * a server that is gone), then restore it on the same port. A frozen proxy stops reading, so the bytes stay in the
 * sockets' kernel buffers and the sender feels TCP back-pressure, as against a frozen server; nothing piles up in
 * this JVM's heap, which the live benchmark measures.
 */
final class FreezingProxy implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile ServerSocket server;
    private volatile boolean frozen;
    private volatile boolean closed;

    private FreezingProxy(InetSocketAddress target, ServerSocket server) {
        this.target = target;
        this.server = server;
        this.port = server.getLocalPort();
        listen(server);
    }

    /**
     * @param targetPort the loopback port of the server behind the proxy
     * @return a proxy listening on a free loopback port
     */
    static FreezingProxy start(int targetPort) {
        try {
            return new FreezingProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), bind(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proxy's port", e);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return s;
    }

    /** @return where clients reach the proxy, {@code 127.0.0.1:port} */
    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    /** Stops moving bytes, both ways, on every connection open or new, until {@link #restore()}. */
    void freeze() {
        frozen = true;
    }

    /** Resets every open connection and refuses new ones (the port is closed) until {@link #restore()}. */
    void takeDown() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(this::abort);
    }

    /** Listens again on the same port, if taken down, and lets bytes move. */
    void restore() {
        if (server.isClosed() && !closed) {
            try {
                server = bind(port);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on port " + port + " again", e);
            }
            listen(server);
        }
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    private void listen(ServerSocket listener) {
        daemon("freezing-proxy-accept-" + port, () -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    sockets.add(client);
                    daemon("freezing-proxy-link-" + client.getPort(), () -> link(client));
                } catch (IOException e) {
                    // taken down or closed: this listener is done
                    return;
                }
            }
        });
    }

    private void link(Socket client) {
        Socket upstream = new Socket();
        sockets.add(upstream);
        try {
            upstream.connect(target, 10_000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            abort(client);
            abort(upstream);
            return;
        }
        daemon("freezing-proxy-back-" + client.getPort(), () -> pump(upstream, client));
        pump(client, upstream);
    }

    /** One direction; waits at the gate before every read, so that a frozen proxy holds nothing itself. */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (true) {
                awaitThawed();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                awaitThawed();
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a reset or close of either side ends both directions
        } finally {
            abort(from);
            abort(to);
        }
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (gate) {
            while (frozen && !closed) {
                gate.wait();
            }
        }
    }

    private void abort(Socket s) {
        sockets.remove(s);
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (SocketException e) {
            // not connected: closing is enough
        }
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (gate) {
            gate.notifyAll();
        }
        takeDown();
    }
}
