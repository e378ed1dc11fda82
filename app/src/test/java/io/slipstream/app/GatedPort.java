package io.slipstream.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port that forwards to a real server once opened: until then it listens but accepts nobody, so a client's
 * connection waits in the listen queue and its first call gets no answer. That stalls a run's sink before it has
 * taken more than its first event, for as long as a test needs, without touching the sink.
 */
final class GatedPort implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** @param target the port on loopback to forward to */
    GatedPort(int target) {
        this.target = target;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return where clients connect, {@code 127.0.0.1:PORT} */
    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    /** Starts accepting: every waiting and later connection is forwarded to the target, both ways. */
    void open() {
        daemon("gate-accept", () -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(server);
                    daemon("gate-up", () -> pump(client, server));
                    daemon("gate-down", () -> pump(server, client));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: close the other too, below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(GatedPort::closeQuietly);
    }
}
