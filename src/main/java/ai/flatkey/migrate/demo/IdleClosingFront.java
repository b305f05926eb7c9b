package ai.flatkey.migrate.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo gateway's public socket when it closes idle connections ({@link DemoConfig#closeIdleAfterMs()}): it relays
 * each client connection byte for byte to the HTTP server behind it, and closes both ends of a connection that has
 * been idle for that long after an answer (the last bytes went to the client, none came back since), as a server's
 * keep-alive timeout does between requests. A connection with a request waiting for its answer, or one that never
 * carried a request, is left alone. The client's pool still holds the closed connection; its next request on it fails
 * unless the client sends it again on a new one.
 * (The JDK server's own idle timeout is one setting for the whole JVM, so it is not used.)
 */
final class IdleClosingFront implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IdleClosingFront.class.getName());

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final long idleNanos;
    private final ExecutorService threads;
    private final ScheduledExecutorService reaper;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong closedIdle = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private IdleClosingFront(ServerSocket listener, InetSocketAddress backend, long idleMillis) {
        this.listener = listener;
        this.backend = backend;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.threads = Executors.newCachedThreadPool(new NamedDaemonThreads("demo-gateway-front-"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(new NamedDaemonThreads("demo-gateway-idle-"));
    }

    /** Listens on {@code host:port} and relays to {@code backend}. */
    static IdleClosingFront start(String host, int port, InetSocketAddress backend, long idleMillis)
            throws IOException {
        ServerSocket listener = new ServerSocket(port, 64, InetAddress.getByName(host));
        IdleClosingFront front = new IdleClosingFront(listener, backend, idleMillis);
        front.threads.execute(front::acceptLoop);
        long tick = Math.max(5, Math.min(50, idleMillis / 10));
        front.reaper.scheduleWithFixedDelay(front::closeIdle, tick, tick, TimeUnit.MILLISECONDS);
        return front;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections closed for being idle so far. */
    long closedIdle() {
        return closedIdle.get();
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket server = new Socket();
                server.connect(backend);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link(client, server);
                links.add(link);
                threads.execute(() -> link.pump(client, server));
                threads.execute(() -> link.pump(server, client));
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "demo gateway front: " + e);
                quietly(client);
            }
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (Link link : links) {
            if (link.idleSinceAnswer(now) >= idleNanos && link.close()) {
                closedIdle.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            quietly(listener);
            links.forEach(Link::close);
            reaper.shutdownNow();
            threads.shutdownNow();
        }
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing to do
        }
    }

    /** One client connection and its connection to the server. */
    private final class Link {
        final Socket client;
        final Socket server;
        final AtomicBoolean done = new AtomicBoolean();
        /** When the last bytes went to the client, and came from it (System.nanoTime), or 0. */
        volatile long lastToClient;
        volatile long lastFromClient;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                boolean toClient = to == client;
                while ((n = in.read(buffer)) != -1) {
                    if (!toClient) {
                        lastFromClient = System.nanoTime();
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (toClient) {
                        lastToClient = System.nanoTime();
                    }
                }
            } catch (SocketException e) {
                // closed by the other pump, the reaper, or a peer
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "demo gateway front relay: " + e);
            } finally {
                close();
            }
        }

        /** How long the connection has been idle after an answer, or 0 while a request waits or before any answer. */
        long idleSinceAnswer(long now) {
            long answered = lastToClient;
            return answered == 0 || lastFromClient > answered ? 0 : now - answered;
        }

        /** Closes both ends; true the first time. */
        boolean close() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            links.remove(this);
            quietly(client);
            quietly(server);
            return true;
        }
    }
}
