package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.wire.Relay;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The recording proxy: a local HTTP server the app points its base URL at. Every request is forwarded to the
 * upstream unchanged through {@link Relay} (the app's own key passes through; the proxy keeps it only in the call's
 * {@link Redaction}), the answer comes back unchanged and unbuffered (a stream read by read, each flushed), and the
 * call is handed to the recording's writer thread ({@link Recorder}) once the app has its answer. With a
 * {@link Shadow}, each call is then offered to it — the shadow never delays or changes an answer.
 * <p>
 * The server is the JDK's {@code com.sun.net.httpserver.HttpServer} (a thread per call in flight, at most
 * {@link Options#threads()}, {@link ServingThreads}): a proxy's work is blocking I/O in both directions, the JDK
 * server has no dependency, and the demo gateway runs on it already; Jetty 12 carried the same relay no faster, and
 * Netty's server before the same upstream path gained 0.02–0.05 of the rate ratio, for 3.3 MB of jars (BENCHMARKS.md,
 * "Recording proxy"). Bound to loopback unless {@link Options#allowRemote()}.
 */
public final class RecordingProxy implements AutoCloseable {
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /** Finished calls waiting for the recording's writer thread at most; more wait for room (none is dropped). */
    static final int RECORD_QUEUE = 1024;

    /**
     * @param listen          address to bind (port 0: any free one)
     * @param allowRemote     whether an address other than loopback may be bound
     * @param shapesOnly      record shapes, not texts
     * @param threads         calls forwarded at once; more wait in line
     * @param maxRequestBytes the largest request body forwarded; a larger one gets a 413 (nothing sent upstream)
     */
    public record Options(InetSocketAddress listen, boolean allowRemote, boolean shapesOnly, int threads,
                          long maxRequestBytes) {
        public static final int DEFAULT_THREADS = 256;
        public static final long DEFAULT_MAX_REQUEST = 64L * 1024 * 1024;

        public Options {
            Objects.requireNonNull(listen, "listen");
            if (listen.isUnresolved()) {
                throw new IllegalArgumentException("cannot resolve the address to listen on: " + listen.getHostString());
            }
            if (!allowRemote && !listen.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("the proxy listens on loopback only (127.0.0.1 or ::1) unless "
                        + "remote access is allowed explicitly: " + listen.getAddress().getHostAddress()
                        + " would let other machines send calls with the app's key through it");
            }
            threads = threads <= 0 ? DEFAULT_THREADS : threads;
            maxRequestBytes = maxRequestBytes <= 0 ? DEFAULT_MAX_REQUEST : maxRequestBytes;
        }

        /** Loopback, the given port, full contents, default limits. */
        public static Options loopback(int port) {
            return new Options(new InetSocketAddress("127.0.0.1", port), false, false, 0, 0);
        }

        public Options withShapesOnly(boolean value) {
            return new Options(listen, allowRemote, value, threads, maxRequestBytes);
        }
    }

    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final Relay relay;
    private final RecordingWriter writer;
    private final Shadow shadow;
    private final ProxyListener listener;
    private final Options options;
    private final Set<ForwardedCall> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger seq = new AtomicInteger();
    private final Counters counters = new Counters();
    private final Recorder recorder = new Recorder();
    private volatile boolean closed;

    private RecordingProxy(HttpServer server, ThreadPoolExecutor pool, Relay relay, RecordingWriter writer,
                           Shadow shadow, ProxyListener listener, Options options) {
        this.server = server;
        this.pool = pool;
        this.relay = relay;
        this.writer = writer;
        this.shadow = shadow;
        this.listener = listener;
        this.options = options;
    }

    /**
     * Binds and starts serving; returns once the proxy accepts calls. The proxy owns {@code writer} (and
     * {@code shadow}, may be null) from here and closes them with itself.
     */
    public static RecordingProxy start(Options options, Relay relay, RecordingWriter writer, Shadow shadow,
                                       ProxyListener listener) throws IOException {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true"); // small stream events must not wait for Nagle
        }
        HttpServer server = HttpServer.create(options.listen(), 256);
        ThreadPoolExecutor pool = ServingThreads.create(options.threads(), 30, "record-proxy-");
        RecordingProxy proxy = new RecordingProxy(server, pool, relay, writer, shadow,
                listener == null ? ProxyListener.NONE : listener, options);
        proxy.recorder.start();
        server.createContext("/", proxy::handle);
        server.setExecutor(pool);
        server.start();
        return proxy;
    }

    /** The address the proxy listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The base URL the app should use ({@code OPENAI_BASE_URL}): this proxy with the upstream's path. */
    public String baseUrl() {
        String path = URI.create(relay.upstream()).getRawPath();
        String host = address().getAddress().getHostAddress();
        host = host.contains(":") ? "[" + host + "]" : host;
        String p = path == null || path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1)
                : path;
        return "http://" + host + ":" + address().getPort() + p;
    }

    public RecordingWriter writer() {
        return writer;
    }

    /** What the proxy has seen so far. */
    public ProxySummary summary() {
        return counters.summary(writer.written());
    }

    /** The shadow's running comparison, or null without a shadow. */
    public ShadowSummary shadowSummary() {
        return shadow == null ? null : shadow.summary();
    }

    private void handle(HttpExchange exchange) {
        ForwardedCall call = new ForwardedCall(exchange, seq.incrementAndGet());
        inFlight.add(call);
        try {
            if (closed) {
                call.cancellation().cancel();
            }
            forward(call);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        } finally {
            inFlight.remove(call);
        }
        if (call.cutOff()) {
            // The JDK server closes the connection of a handler that throws before its answer was finished: the app
            // sees the cut the upstream made, not a clean end of a shorter answer.
            throw new UpstreamCutOff();
        }
    }

    /** Thrown to the JDK server to have it cut the app's connection. */
    private static final class UpstreamCutOff extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UpstreamCutOff() {
            super("the upstream cut the answer off", null, false, false);
        }
    }

    private void forward(ForwardedCall call) throws IOException {
        Relay.Outgoing out = call.read(options.maxRequestBytes(), options.shapesOnly());
        counters.calls.incrementAndGet();
        if (out == null) {
            counters.refused.incrementAndGet();
            call.refuse(413, "request_too_large", "the recording proxy forwards request bodies of up to "
                    + (options.maxRequestBytes() >> 20) + " MiB; this one was not sent", null);
            return;
        }
        Relay.Answer answer = null;
        IOException failure = null;
        try {
            // Sent before anything is read out of it for the recording: the app's call waits for no JSON parsing.
            answer = relay.send(out, call.cancellation());
        } catch (IOException e) {
            failure = e;
        }
        RecordedCall request = started(call);
        if (answer != null) {
            try {
                ForwardedCall.Forwarded forwarded = call.forward(answer, request);
                recorder.record(new Finished(out, call.redaction(), forwarded::recorded));
                return;
            } catch (IOException e) {
                failure = e;
            }
        }
        RecordedCall failed = call.refuse(502, "upstream_unreachable",
                "the recording proxy could not reach the upstream: " + ForwardedCall.safe(failure), request);
        recorder.record(new Finished(out, call.redaction(), () -> failed));
    }

    /** The request as recorded, and the listener told that it is being forwarded. */
    private RecordedCall started(ForwardedCall call) {
        RecordedCall request = call.request();
        listener.started(request.seq(), request.method(), call.redaction().text(request.route()),
                call.redaction().text(request.model()));
        return request;
    }

    /** A call whose answer the app has: built into its record, redacted and written by the {@link Recorder}. */
    private record Finished(Relay.Outgoing request, Redaction redaction, Supplier<RecordedCall> call) {
    }

    /** On the recorder's thread: built, counted and written (not yet flushed); the call as written. */
    private Written write(Finished f) {
        RecordedCall call = f.call().get();
        counters.count(call);
        RecordedCall safe;
        try {
            safe = writer.append(call, f.redaction(), false);
        } catch (IOException e) {
            counters.writeFailures.incrementAndGet();
            safe = RecordingWriter.redacted(call, f.redaction());
        }
        return new Written(f, call, safe);
    }

    /** Once its line is flushed: told to the listener, offered to the shadow. */
    private void announce(Written w) {
        listener.finished(w.safe());
        if (shadow != null && RecordedCall.COMPLETE.equals(w.call().outcome())) {
            shadow.offer(w.finished().request(), w.call());
        }
    }

    /** A call written to the recording: as recorded and as redacted. */
    private record Written(Finished finished, RecordedCall call, RecordedCall safe) {
    }

    /** Writes and flushes one call on the calling thread (after the recorder stopped). */
    private void recordHere(Finished f) {
        Written w = write(f);
        try {
            writer.flush();
        } catch (IOException e) {
            // the next append fails and is counted
        }
        announce(w);
    }

    /**
     * The recording's one writer thread: the threads that serve the app hand each finished call over and go back to
     * serving; this thread parses the answer, redacts, writes the line and flushes once it has no more calls waiting
     * (one write to the file for a burst of calls instead of one each). It never drops a call: when
     * {@link #RECORD_QUEUE} calls are waiting, a serving thread — whose app already has its answer — waits for room.
     */
    private final class Recorder {
        private final BlockingQueue<Finished> queue = new ArrayBlockingQueue<>(RECORD_QUEUE);
        private final Thread thread = new Thread(this::run, "record-writer");
        private volatile boolean stopped;

        Recorder() {
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void record(Finished f) {
            if (stopped) {
                recordHere(f); // a call that ended after close() gave up waiting: written here
                return;
            }
            try {
                queue.put(f);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                recordHere(f);
            }
        }

        private void run() {
            List<Finished> batch = new ArrayList<>();
            while (true) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(batch);
                boolean stop = false;
                List<Written> written = new ArrayList<>(batch.size());
                for (Finished f : batch) {
                    if (f == STOP) {
                        stop = true;
                    } else {
                        try {
                            written.add(write(f));
                        } catch (RuntimeException e) {
                            counters.writeFailures.incrementAndGet();
                        }
                    }
                }
                batch.clear();
                try {
                    writer.flush();
                } catch (IOException e) {
                    // counted as the next append fails
                }
                // The listener hears of a call once its line is in the file.
                for (Written w : written) {
                    try {
                        announce(w);
                    } catch (RuntimeException e) {
                        // a listener's failure is not the recording's
                    }
                }
                if (stop) {
                    return;
                }
            }
        }

        /**
         * Writes what is waiting, then stops. Calls that end from now on are written by their own thread (the writer
         * is synchronized); one handed over while the writer thread was finishing is written here after it.
         */
        void stop() {
            stopped = true;
            try {
                queue.put(STOP);
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Finished> late = new ArrayList<>();
            queue.drainTo(late);
            late.stream().filter(f -> f != STOP).forEach(RecordingProxy.this::recordHere);
        }
    }

    private static final Finished STOP = new Finished(null, null, null);

    /** How many recording lines could not be written (disk full…). */
    public int writeFailures() {
        return counters.writeFailures.get();
    }

    /**
     * Stops accepting calls, cancels those in flight (each is recorded as it ends), stops the shadow and closes the
     * recording file. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        inFlight.forEach(c -> c.cancellation().cancel());
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        recorder.stop();
        if (shadow != null) {
            shadow.close();
        }
        writer.close();
    }

    /** The running tallies. */
    private static final class Counters {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger streamed = new AtomicInteger();
        final AtomicInteger httpErrors = new AtomicInteger();
        final AtomicInteger upstreamFailed = new AtomicInteger();
        final AtomicInteger disconnected = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger writeFailures = new AtomicInteger();
        final AtomicLong tokens = new AtomicLong();

        void count(RecordedCall c) {
            if (c.streamed()) {
                streamed.incrementAndGet();
            }
            if (c.status() >= 400) {
                httpErrors.incrementAndGet();
            }
            if (c.outcome().startsWith(RecordedCall.UPSTREAM_FAILED)) {
                upstreamFailed.incrementAndGet();
            }
            if (c.outcome().equals(RecordedCall.CLIENT_DISCONNECTED)) {
                disconnected.incrementAndGet();
            }
            if (c.usage() != null && c.usage().totalTokens() != null) {
                tokens.addAndGet(c.usage().totalTokens());
            }
        }

        ProxySummary summary(int recorded) {
            return new ProxySummary(calls.get(), recorded, streamed.get(), httpErrors.get(), upstreamFailed.get(),
                    disconnected.get(), refused.get(), tokens.get());
        }
    }
}
