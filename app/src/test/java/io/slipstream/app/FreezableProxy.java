package io.slipstream.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a real loopback socket that can freeze: while frozen it moves no byte either way, which is what a
 * Stream API whose process has stopped looks like from the client (the connection stays open, TCP windows fill,
 * gRPC's flow control stops the sends).
 */
final class FreezableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final Object gate = new Object();
    private boolean frozen; // guarded by gate

    /** @param target {@code host:port} to forward to */
    FreezableProxy(String target) throws IOException {
        int colon = target.lastIndexOf(':');
        this.targetHost = target.substring(0, colon);
        this.targetPort = Integer.parseInt(target.substring(colon + 1));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    /** @return {@code host:port} of the proxy */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** @return bytes moved so far, both ways */
    long forwarded() {
        return forwarded.get();
    }

    /** Stops moving bytes. */
    void freeze() {
        synchronized (gate) {
            frozen = true;
        }
    }

    /** Moves bytes again. */
    void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    awaitThawed();
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    awaitThawed(); // bytes read just before a freeze wait with it
                    out.write(buf, 0, n);
                    out.flush();
                    forwarded.addAndGet(n);
                }
            } catch (IOException | InterruptedException e) {
                // a side closed, or the proxy did
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void awaitThawed() throws InterruptedException {
        synchronized (gate) {
            while (frozen) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        thaw();
        server.close();
        sockets.forEach(FreezableProxy::closeQuietly);
    }
}
