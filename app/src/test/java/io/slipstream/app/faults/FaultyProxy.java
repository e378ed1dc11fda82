package io.slipstream.app.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a real loopback socket that puts faults between a client and a server: it can stall (hold every
 * byte, both ways, on connections open and new, until resumed), reset (every open connection gets a TCP RST, as a
 * dropped NAT entry or a crashed peer gives) and drop (new connections are accepted and closed at once). One thread
 * per direction per connection: the connections of a test are few.
 */
public final class FaultyProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private volatile boolean stalled;
    private volatile boolean dropping;
    private volatile boolean closed;

    private FaultyProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        Thread acceptor = new Thread(this::acceptLoop, "faulty-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param target {@code host:port} of the server behind the proxy
     * @return a proxy listening on a free loopback port
     */
    public static FaultyProxy start(String target) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            return new FaultyProxy(server, parse(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proxy's port", e);
        }
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** @return where clients reach the proxy, {@code 127.0.0.1:port} */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** @param value {@code host:port} that connections made from now on go to (a restarted server on another port) */
    public void retarget(String value) {
        target = parse(value);
    }

    /** Holds every byte, both ways, until {@link #resume()}; new connections are accepted but not forwarded. */
    public void stall() {
        stalled = true;
    }

    /** Lets the held bytes and connections through. */
    public void resume() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** @param value whether new connections are closed as soon as they are accepted */
    public void dropNewConnections(boolean value) {
        dropping = value;
    }

    /** @return how many open connections were reset: each side gets a TCP RST (SO_LINGER 0) */
    public int reset() {
        int n = 0;
        for (Socket s : sockets) {
            abort(s);
            n++;
        }
        resets.addAndGet(n);
        return n;
    }

    /** @return connections accepted so far */
    public int accepted() {
        return accepted.get();
    }

    /** @return bytes taken from one side and not yet passed on to the other (what a stall holds) */
    public long held() {
        return held.get();
    }

    /** @return bytes passed on so far, both ways */
    public long forwarded() {
        return forwarded.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                if (dropping) {
                    abort(client);
                    continue;
                }
                sockets.add(client);
                Thread link = new Thread(() -> link(client), "faulty-proxy-link-" + client.getPort());
                link.setDaemon(true);
                link.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("the proxy stopped accepting", e);
                }
            }
        }
    }

    private void link(Socket client) {
        Socket upstream = new Socket();
        try {
            awaitOpen();
            sockets.add(upstream);
            upstream.connect(target, 10_000);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
        } catch (IOException | InterruptedException e) {
            abort(client);
            abort(upstream);
            return;
        }
        Thread back = new Thread(() -> pump(upstream, client), "faulty-proxy-back-" + client.getPort());
        back.setDaemon(true);
        back.start();
        pump(client, upstream);
    }

    /**
     * One direction: a reader that keeps taking bytes from {@code from} (so that a stall holds them here, where they
     * are counted, not in the sender's socket buffer) and a writer that passes them on while the proxy is open.
     */
    private void pump(Socket from, Socket to) {
        BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (byte[] chunk; (chunk = queue.take()).length > 0; ) {
                    awaitOpen();
                    out.write(chunk);
                    out.flush();
                    held.addAndGet(-chunk.length);
                    forwarded.addAndGet(chunk.length);
                }
            } catch (IOException | InterruptedException e) {
                // a reset or close of either side ends both directions
            } finally {
                abort(from);
                abort(to);
            }
        }, Thread.currentThread().getName() + "-writer");
        writer.setDaemon(true);
        writer.start();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                held.addAndGet(n);
                queue.add(Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            // as above
        } finally {
            queue.add(new byte[0]);
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (stalled && !closed) {
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

    @Override
    public void close() {
        closed = true;
        resume();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        reset();
    }
}
