package ai.flatkey.migrate.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo gateway's public socket, in front of the JDK's HTTP server: it relays each client connection byte for byte
 * to the server behind it, and keeps from that server what would cost it a descriptor for good (issue 17, case 15).
 * The JDK's server (17) never closes a connection whose answer it could not write to its end because the client had
 * left; and it takes a header that the client's close cut short for a whole one, and answers it. So:
 * <ul>
 * <li><b>A request header is passed on only once it has ended</b> (the empty line after it): the front holds it (up to
 *   {@link #MAX_HEADER_BYTES}; beyond, it answers 431 and closes) and opens the connection to the server with the
 *   connection's first whole header. A header that has not ended {@link #HEADER_TIMEOUT_MS} after its first byte (or
 *   the connection's start) is not waited for: the connection is closed, and the server never saw any of it. A client
 *   that sends half a header and stays silent (or leaves) costs nothing once it is closed.</li>
 * <li><b>A client that leaves before its answer</b> (one of a known length: a JSON body, an error) does not close the
 *   server's connection under that answer: the front half-closes it and reads the answer to its end, dropping it (at
 *   most {@link #DRAIN_LIMIT_MS}); the server then closes the connection itself, as after any answer to a client that
 *   closed its side. A streamed answer (chunked) is not drained: both ends close at once, the server's next chunk
 *   fails, and it stops generating and closes that connection itself, as it should for a client that left.</li>
 * <li><b>Idle connections</b>, when {@link DemoConfig#closeIdleAfterMs()} is set: a connection idle for that long
 *   after an answer (the last bytes went to the client, none came back since) is closed at both ends, as a server's
 *   keep-alive timeout does between requests. A connection with a request waiting for its answer is left alone. The
 *   client's pool still holds the closed connection; its next request on it fails unless the client sends it again on
 *   a new one. (The JDK server's own idle timeout is one setting for the whole JVM, so it is not used.)</li>
 * </ul>
 * An interim answer ({@code HTTP/1.1 100 Continue}) is not an answer here: the request's body follows it.
 */
final class IdleClosingFront implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(IdleClosingFront.class.getName());

    /** How long a request header may take to arrive, from the connection's start or the request's first byte. */
    static final long HEADER_TIMEOUT_MS = 5_000;
    /** The longest request header the front holds (the JDK server accepts headers of about this size too). */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** How long an answer to a client that left is read and dropped before the front closes the connection anyway. */
    static final long DRAIN_LIMIT_MS = 30_000;
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final byte[] HEADER_TOO_LARGE = ("HTTP/1.1 431 Request Header Fields Too Large\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final InetSocketAddress backend;
    private final long idleNanos;
    private final long headerNanos;
    private final long drainNanos = TimeUnit.MILLISECONDS.toNanos(DRAIN_LIMIT_MS);
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
            Link link = new Link(client);
            links.add(link);
            try {
                client.setTcpNoDelay(true);
                threads.execute(link::fromClient);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "demo gateway front: " + e);
                link.close();
            }
            if (closed.get()) {
                link.close(); // the front closed while this one was being accepted
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
            } else if (link.drainingFor(now) >= drainNanos) {
                link.close();
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

    /** Whether the bytes begin an answer's status line ({@code HTTP/1.x NNN}). */
    private static boolean statusLine(byte[] b, int n) {
        return n >= 12 && b[0] == 'H' && b[1] == 'T' && b[2] == 'T' && b[3] == 'P' && b[4] == '/' && b[8] == ' ';
    }

    /** Whether the bytes begin an interim answer ({@code HTTP/1.x 1xx}), which a final answer follows. */
    static boolean interim(byte[] b, int n) {
        return statusLine(b, n) && b[9] == '1';
    }

    /** What kind of answer the bytes begin: {@link #CHUNKED} (a stream), {@link #SIZED}, or {@link #NONE}. */
    static int answerKind(byte[] b, int n) {
        if (!statusLine(b, n) || interim(b, n)) {
            return NONE;
        }
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        return CHUNKED_HEADER.matcher(end < 0 ? head : head.substring(0, end)).find() ? CHUNKED : SIZED;
    }

    /** The answer kinds of {@link #answerKind}: none started (since the last request), of a known length, streamed. */
    static final int NONE = 0;
    static final int SIZED = 1;
    static final int CHUNKED = 2;
    private static final java.util.regex.Pattern CHUNKED_HEADER =
            java.util.regex.Pattern.compile("(?im)^transfer-encoding:[ \t]*chunked");

    /** One client connection and, once its first request header has ended, its connection to the server. */
    private final class Link {
        final Socket client;
        /** The connection to the server; null until the first request header has ended. */
        volatile Socket server;
        final AtomicBoolean done = new AtomicBoolean();
        /** When the last bytes of an answer went to the client, and came from it (System.nanoTime), or 0. */
        volatile long lastToClient;
        volatile long lastFromClient;
        /** When the request whose header has not ended yet began (its first byte, or the connection), or 0. */
        volatile long headerSince = System.nanoTime();
        /** When the client left while the server's connection was open (its answer is being drained), or 0. */
        volatile long drainingSince;
        /** The answer to the last request passed on: {@link #NONE} yet, {@link #SIZED} or {@link #CHUNKED}. */
        volatile int answer = NONE;
        /** The request header held so far (only the client's pump touches it). */
        private final ByteArrayOutputStream header = new ByteArrayOutputStream();
        /** Whether the header's current line has a character other than CR, and whether a line has ended. */
        private boolean lineHasText;
        private boolean aLineEnded;

        Link(Socket client) {
            this.client = client;
        }

        /**
         * The client's pump: holds each request header until it ends, then passes it on with what follows (the body,
         * as it comes). A request starts with the first bytes after an answer.
         */
        void fromClient() {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = client.getInputStream();
                for (int n; (n = in.read(buffer)) != -1; ) {
                    long now = System.nanoTime();
                    if (headerSince == 0 && lastToClient != 0 && lastFromClient <= lastToClient) {
                        headerSince = now;
                    }
                    lastFromClient = now;
                    if (headerSince == 0) {
                        OutputStream out = serverOut();
                        out.write(buffer, 0, n);
                        out.flush();
                        continue;
                    }
                    int end = headerEnd(buffer, n);
                    header.write(buffer, 0, end < 0 ? n : end);
                    if (header.size() > MAX_HEADER_BYTES) {
                        client.getOutputStream().write(HEADER_TOO_LARGE);
                        close();
                        return;
                    }
                    if (end < 0) {
                        continue;
                    }
                    OutputStream out = serverOut();
                    answer = NONE;
                    header.writeTo(out);
                    header.reset();
                    headerSince = 0;
                    out.write(buffer, end, n - end);
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // reset by the client, or closed by the reaper, the server's pump or close()
                LOG.log(System.Logger.Level.DEBUG, () -> "demo gateway front, from the client: " + e);
            }
            clientLeft();
        }

        /**
         * Where the header ends in {@code buffer} (the index after the empty line that ends it), or -1. Empty lines
         * before the request line do not end it; a bare LF ends a line as CR LF does.
         */
        private int headerEnd(byte[] buffer, int n) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (!lineHasText && aLineEnded) {
                        aLineEnded = false;
                        return i + 1;
                    }
                    aLineEnded |= lineHasText;
                    lineHasText = false;
                } else if (b != '\r') {
                    lineHasText = true;
                }
            }
            return -1;
        }

        /** The connection to the server, opened (and its pump started) with the first whole request header. */
        private OutputStream serverOut() throws IOException {
            Socket s = server;
            if (s == null) {
                s = new Socket();
                s.connect(backend, CONNECT_TIMEOUT_MS);
                s.setTcpNoDelay(true);
                server = s;
                if (done.get()) {
                    quietly(s);
                    throw new SocketException("the connection was closed");
                }
                Socket opened = s;
                threads.execute(() -> fromServer(opened));
            }
            return s.getOutputStream();
        }

        /** The server's pump: its answers go to the client, or, once the client has left, are read and dropped. */
        void fromServer(Socket from) {
            byte[] buffer = new byte[16 * 1024];
            boolean clientGone = false;
            try (InputStream in = from.getInputStream()) {
                OutputStream out = client.getOutputStream();
                for (int n; (n = in.read(buffer)) != -1; ) {
                    if (!interim(buffer, n)) {
                        lastToClient = System.nanoTime();
                    }
                    int kind = answerKind(buffer, n);
                    if (kind != NONE) {
                        answer = kind;
                    }
                    if (drainingSince != 0 && answer == CHUNKED) {
                        break; // a stream to a client that left: closed, and the server stops it
                    }
                    if (clientGone) {
                        continue;
                    }
                    try {
                        out.write(buffer, 0, n);
                        out.flush();
                    } catch (IOException e) {
                        clientGone = true;
                        clientLeft();
                    }
                }
            } catch (IOException e) {
                // closed by the reaper, the client's pump or close()
                LOG.log(System.Logger.Level.DEBUG, () -> "demo gateway front, from the server: " + e);
            } finally {
                close();
            }
        }

        /**
         * The client closed its side, reset it, or cannot be written to. With no request of its at the server (none
         * yet, or a header still held), or a stream under way, both ends close; otherwise the server's connection is
         * half-closed and its answer drained (see the class comment), and the server's pump closes the link at its end.
         */
        synchronized void clientLeft() {
            Socket s = server;
            if (s == null || headerSince != 0 || answer == CHUNKED || done.get()) {
                close();
                return;
            }
            if (drainingSince == 0) {
                drainingSince = System.nanoTime();
                try {
                    s.shutdownOutput();
                } catch (IOException e) {
                    close();
                }
            }
        }

        /** How long a request header has been arriving without its end, or 0. */
        long headerPendingFor(long now) {
            long since = headerSince;
            return since == 0 ? 0 : now - since;
        }

        /** How long the answer to a client that left has been drained, or 0. */
        long drainingFor(long now) {
            long since = drainingSince;
            return since == 0 ? 0 : now - since;
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
            Socket s = server;
            if (s != null) {
                quietly(s);
            }
            return true;
        }
    }
}
