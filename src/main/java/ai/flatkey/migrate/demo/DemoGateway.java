package ai.flatkey.migrate.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded demo gateway: an OpenAI-compatible HTTP server on loopback. It serves {@code GET /v1/models},
 * {@code GET /v1/models/{id}} and {@code POST /v1/chat/completions} (JSON and server-sent events) with OpenAI's
 * shapes, errors and headers, on its own daemon threads named {@code demo-gateway-N}.
 *
 * <pre>{@code
 * try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults())) {
 *     String baseUrl = gateway.baseUrl(); // http://127.0.0.1:<port>/v1, key DemoGateway.DEMO_KEY
 * }
 * }</pre>
 */
public final class DemoGateway implements AutoCloseable {

    /** The public, documented key of the demo gateway. It grants nothing anywhere else. */
    public static final String DEMO_KEY = "sk-demo-flatkey-local-0001";

    private static final System.Logger LOG = System.getLogger(DemoGateway.class.getName());
    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final DemoConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final GatewayHandler handler;
    private final Catalog catalog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoGateway(DemoConfig config, HttpServer server, ExecutorService executor, GatewayHandler handler,
                        Catalog catalog) {
        this.config = config;
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.catalog = catalog;
    }

    /** Binds {@code config.host():config.port()} and returns once the gateway is serving. */
    public static DemoGateway start(DemoConfig config) throws IOException {
        return start(config, GatewayOptions.defaults());
    }

    static DemoGateway start(DemoConfig config, GatewayOptions options) throws IOException {
        Catalog catalog = Catalog.standard();
        GatewayHandler handler = new GatewayHandler(catalog, config.keys(),
                new RateLimiter(options.rateLimit(), System::nanoTime),
                new ChatStreamer(config.tokensPerSecond(), options.streamListener()));
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new IOException("The demo gateway could not listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newCachedThreadPool(new NamedDaemonThreads("demo-gateway-"));
        server.createContext("/", handler);
        server.setExecutor(executor);
        try {
            // HttpServer's dispatcher thread inherits daemon status from the thread that starts it: start it on a
            // pool thread so that an unclosed gateway never keeps the JVM alive.
            executor.submit(server::start).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutDown(server, executor);
            throw new IOException("Interrupted while starting the demo gateway", e);
        } catch (ExecutionException e) {
            shutDown(server, executor);
            throw new IOException("The demo gateway failed to start: " + e.getCause(), e.getCause());
        }
        return new DemoGateway(config, server, executor, handler, catalog);
    }

    public DemoConfig config() {
        return config;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The OpenAI-style base URL, {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/v1";
    }

    /** The IDs of the catalog, in the order {@code /v1/models} lists them. */
    public List<String> modelIds() {
        return catalog.ids();
    }

    /** Requests received so far, whatever their outcome. */
    public long requestCount() {
        return handler.requestCount();
    }

    /**
     * Stops serving at once: open connections (streams included) are closed, and the gateway's threads are
     * interrupted and waited for. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shutDown(server, executor);
        }
    }

    /**
     * Stops the server and its threads and waits for them. A caller that was interrupted (Ctrl+C in the foreground
     * runner) still gets a complete stop: {@code HttpServer.stop} releases the port only once its dispatcher thread
     * has ended, and it gives up waiting for that thread if the caller's interrupt flag is set. The flag is cleared
     * for the wait and restored afterwards.
     */
    private static void shutDown(HttpServer server, ExecutorService executor) {
        boolean interrupted = Thread.interrupted();
        try {
            server.stop(0);
            interrupted |= Thread.interrupted();
            executor.shutdownNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_TIMEOUT_SECONDS);
            while (!executor.isTerminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(System.Logger.Level.WARNING, "demo gateway threads still running after "
                            + CLOSE_TIMEOUT_SECONDS + " s");
                    break;
                }
                try {
                    executor.awaitTermination(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "DemoGateway[" + (closed.get() ? "closed" : baseUrl()) + "]";
    }
}
