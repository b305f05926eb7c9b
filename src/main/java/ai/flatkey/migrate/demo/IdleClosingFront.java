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
 * <p>
 * It also closes a connection whose request header has not ended ({@code CRLF CRLF}) within
 * {@link #HEADER_TIMEOUT_MS} of its first byte, or of the connection's start: a client that sends half a header and
 * stays silent would otherwise hold a descriptor and a server thread for good (issue 17, case 15). With an idle time
 * of 0 only this applies.
 */
final class IdleClosingFront implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IdleClosingFront.class.getName());

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    /** How long a request header may take to arrive, from the connection's start or the request's first byte. */
    static final long HEADER_TIMEOUT_MS = 5_000;

    private final long idleNanos;
    private final long headerNanos;
    private final AtomicLong closedSlowHeader = new AtomicLong();
    private final ExecutorService threads;
    private final ScheduledExecutorService reaper;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong closedIdle = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private IdleClosingFront(ServerSocket listener, InetSocketAddress backend, long idleMillis, long headerMillis) {
        this.listener = listener;
        this.backend = backend;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.headerNanos = TimeUnit.MILLISECONDS.toNanos(headerMillis);
        this.threads = Executors.newCachedThreadPool(new NamedDaemonThreads("demo-gateway-front-"));
        this.reaper = Executors.newSingleThreadScheduledExecutor(new NamedDaemonThreads("demo-gateway-idle-"));
    }

    /** Listens on {@code host:port} and relays to {@code backend}. */
    static IdleClosingFront start(String host, int port, InetSocketAddress backend, long idleMillis)
            throws IOException {
        return start(host, port, backend, idleMillis, HEADER_TIMEOUT_MS);
    }

    /**
     * @param idleMillis   close a connection idle this long after an answer; 0: never
     * @param headerMillis close a connection whose request header takes longer than this
     */
    static IdleClosingFront start(String host, int port, InetSocketAddress backend, long idleMillis,
                                  long headerMillis) throws IOException {
        ServerSocket listener = new ServerSocket(port, 64, InetAddress.getByName(host));
        IdleClosingFront front = new IdleClosingFront(listener, backend, idleMillis, headerMillis);
        front.threads.execute(front::acceptLoop);
        long shortest = idleMillis > 0 ? Math.min(idleMillis, headerMillis) : headerMillis;
        long tick = Math.max(5, Math.min(50, shortest / 10));
        front.reaper.scheduleWithFixedDelay(front::closeIdle, tick, tick, TimeUnit.MILLISECONDS);
        return front;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections closed for a request header that did not end in time. */
    long closedSlowHeader() {
        return closedSlowHeader.get();
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
            if (idleNanos > 0 && link.idleSinceAnswer(now) >= idleNanos && link.close()) {
                closedIdle.incrementAndGet();
            } else if (link.headerPendingFor(now) >= headerNanos && link.close()) {
                closedSlowHeader.incrementAndGet();
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
        /** When the request whose header has not ended yet began (its first byte, or the connection), or 0. */
        volatile long headerSince = System.nanoTime();
        /** How many bytes of CRLF CRLF the client's last bytes ended with (0-3). */
        private int endMatched;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        /** Follows the client's bytes: a request starts after an answer; its header ends at CRLF CRLF. */
        private void fromClient(byte[] buffer, int n, long now) {
            if (lastToClient != 0 && lastFromClient <= lastToClient) {
                headerSince = now;
                endMatched = 0;
            }
            if (headerSince == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                endMatched = b == (endMatched % 2 == 0 ? '\r' : '\n') ? endMatched + 1 : (b == '\r' ? 1 : 0);
                if (endMatched == 4) {
                    headerSince = 0;
                    endMatched = 0;
                    return;
                }
            }
        }

        /** How long a request header has been arriving without its end, or 0. */
        long headerPendingFor(long now) {
            long since = headerSince;
            return since == 0 ? 0 : now - since;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                boolean toClient = to == client;
                while ((n = in.read(buffer)) != -1) {
                    if (!toClient) {
                        long now = System.nanoTime();
                        fromClient(buffer, n, now);
                        lastFromClient = now;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (toClient) {
                        headerSince = 0; // an answer: the request's header had ended, however it was framed
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
