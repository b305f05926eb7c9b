package ai.flatkey.migrate.demo;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded demo gateway: an OpenAI-compatible HTTP server on loopback, on its own daemon threads named
 * {@code demo-gateway-N}. With OpenAI's shapes, errors and headers it serves
 * <ul>
 *   <li>{@code GET /v1/models}, {@code GET /v1/models/{id}};</li>
 *   <li>{@code POST /v1/chat/completions}: JSON and server-sent events, {@code stream_options.include_usage},
 *       tools (streamed tool-call deltas), {@code response_format} json_object / json_schema, image parts on vision
 *       models;</li>
 *   <li>{@code POST /v1/responses}: the response object and its typed event stream;</li>
 *   <li>{@code POST /v1/embeddings}: {@code float} and {@code base64};</li>
 *   <li>the endpoint families as new-api answers them ({@link MediaApi}): images (generations, multipart edits,
 *       variations 501), audio transcriptions/translations in every format, speech, moderations, video tasks with
 *       Range downloads; {@code /v1/files} and fine-tunes 501 {@code api_not_implemented}, {@code /v1/batches} no
 *       route;</li>
 *   <li>the Flatkey (new-api) key-scoped routes {@code GET /v1/credits}, {@code GET /v1/status},
 *       {@code GET /api/usage/token}, {@code GET /api/log/token} and the public {@code GET /api/website/pricing},
 *       backed by a per-key ledger of the requests served and their cost at catalog prices.</li>
 * </ul>
 * Every response carries {@code x-request-id} and {@code openai-processing-ms}; every {@code /v1} response carries
 * {@code x-ratelimit-*} for requests and tokens. Failures are shown on request: the {@value #FAULT_HEADER} header
 * (grammar in {@link #FAULT_HEADER}) or a fault model of {@link #FAULT_MODELS}.
 *
 * <pre>{@code
 * try (DemoGateway gateway = DemoGateway.start(DemoConfig.defaults())) {
 *     String baseUrl = gateway.baseUrl(); // http://127.0.0.1:<port>/v1, key DemoGateway.DEMO_KEY
 * }
 * }</pre>
 */
public final class DemoGateway implements AutoCloseable {

    /**
     * The public, documented key of the demo gateway: $100 of quota, 600 requests and 2,000,000 tokens per minute.
     * It grants nothing anywhere else.
     */
    public static final String DEMO_KEY = "sk-demo-flatkey-local-0001";

    /**
     * A public demo key with a tiny quota, $0.001 (500 new-api quota units): a few small requests pass, then the
     * gateway answers 429 {@code insufficient_quota}. For showing quota checks and the low-quota rollout stage.
     */
    public static final String DEMO_KEY_LOW_QUOTA = "sk-demo-flatkey-lowquota-0002";

    /**
     * A public demo key limited to 3 requests and 2,000 tokens per minute: the fourth request within a minute gets
     * 429 {@code rate_limit_exceeded} with {@code retry-after}. For showing rate-limit headers and retries.
     */
    public static final String DEMO_KEY_RATE_LIMITED = "sk-demo-flatkey-ratelimit-0003";

    /** All public demo keys, accepted by {@link DemoConfig#defaults()}. */
    public static final Set<String> DEMO_KEYS = Set.of(DEMO_KEY, DEMO_KEY_LOW_QUOTA, DEMO_KEY_RATE_LIMITED);

    /**
     * The request header that asks for failures: one or more of {@code latency=<n>ms} (or {@code <n>s}),
     * {@code 429}, {@code 500}, {@code 502-html}, {@code html-200}, {@code truncate}, {@code no-done},
     * {@code drip} (or {@code drip=<n>ms}), {@code drop}, {@code keepalive}, {@code crlf}, {@code midstream-error},
     * {@code empty-first-choices}, {@code no-usage}, {@code tool-index-missing}, {@code ledger-mismatch} (the usage log
     * records 7 more completion tokens than the answer reported), separated by commas. An unknown
     * fault is answered with 400 {@code invalid_fault} naming this header.
     */
    public static final String FAULT_HEADER = Faults.HEADER;

    /**
     * Model IDs that always fail in one way, each with the {@link #FAULT_HEADER} value it behaves as:
     * {@code demo-slow} (latency=1500ms), {@code demo-429}, {@code demo-500}, {@code demo-502} (502-html),
     * {@code demo-html} (html-200), {@code demo-truncate}, {@code demo-no-done}, {@code demo-drip},
     * {@code demo-drop}, {@code demo-keepalive}, {@code demo-midstream-error}, {@code demo-empty-first-choices},
     * {@code demo-no-usage}, {@code demo-tool-index-missing}, {@code demo-ledger-mismatch}. They are always served, and listed by
     * {@code /v1/models} only with {@link DemoConfig#withFaultModelsListed(boolean)}.
     */
    public static final Map<String, String> FAULT_MODELS = Faults.MODELS;

    /**
     * Fault models of the endpoint families beyond chat, each with the {@link #FAULT_HEADER} value it behaves as:
     * {@code demo-image-url}, {@code demo-image-broken}, {@code demo-transcribe-wrong-format},
     * {@code demo-transcribe-empty}, {@code demo-tts-broken}, {@code demo-tts-wrong-format},
     * {@code demo-moderation-broken}, {@code demo-video-stuck}, {@code demo-video-fails},
     * {@code demo-video-bad-status}, {@code demo-video-broken}. Served and listed like {@link #FAULT_MODELS}.
     */
    public static final Map<String, String> FAMILY_FAULT_MODELS = familyFaultModels();

    private static Map<String, String> familyFaultModels() {
        Map<String, String> m = new LinkedHashMap<>();
        MediaFault.MODELS.forEach((model, fault) -> m.put(model, fault.token()));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final System.Logger LOG = System.getLogger(DemoGateway.class.getName());
    private static final long CLOSE_TIMEOUT_SECONDS = 5;
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final DemoConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final GatewayHandler handler;
    private final Catalog catalog;
    /** The public socket: closes idle connections ({@link DemoConfig#closeIdleAfterMs()}) and slow request headers. */
    private final IdleClosingFront front;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoGateway(DemoConfig config, HttpServer server, ExecutorService executor, GatewayHandler handler,
                        Catalog catalog, IdleClosingFront front) {
        this.front = front;
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
        Catalog catalog = Catalog.standard(config.listFaultModels());
        Map<String, KeyPlan> plans = new LinkedHashMap<>();
        for (String key : config.keys()) {
            plans.put(key, KeyPlan.forKey(key, options.rateLimit()));
        }
        Ledger ledger = new Ledger(plans, () -> Instant.now().getEpochSecond(), Tariff.of(config.personality()));
        GatewayHandler handler = new GatewayHandler(catalog, ledger, plans, System::nanoTime,
                new ChatStreamer(config.tokensPerSecond(), config.firstTokenDelayMs(), options.streamListener()));
        noDelay();
        HttpServer server;
        try {
            // Behind the front (below), on a port of its own: the front bounds how long a request header may take.
            server = HttpServer.create(new InetSocketAddress(config.host(), 0), 64);
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
        IdleClosingFront front;
        try {
            front = IdleClosingFront.start(config.host(), config.port(), server.getAddress(),
                    config.closeIdleAfterMs(), IdleClosingFront.HEADER_TIMEOUT_MS);
        } catch (IOException e) {
            shutDown(server, executor);
            throw new IOException("The demo gateway could not listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        return new DemoGateway(config, server, executor, handler, catalog, front);
    }

    /**
     * Asks the JDK's HTTP server to send small writes at once (TCP_NODELAY), as real gateways do (nginx, Node). Without
     * it the body written after the headers waits for the client's delayed ACK on a reused connection: every answer
     * came 40 ms late, a figure of this demo's, not of any gateway. The JDK reads the setting once per process, when
     * its first server starts; every JDK server in this process is a demo gateway. An explicit setting is kept.
     */
    private static void noDelay() {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    public DemoConfig config() {
        return config;
    }

    public int port() {
        return front != null ? front.port() : server.getAddress().getPort();
    }

    /** Client connections closed so far for carrying nothing for {@link DemoConfig#closeIdleAfterMs()} (0 without). */
    public long idleConnectionsClosed() {
        return front == null ? 0 : front.closedIdle();
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
            if (front != null) {
                front.close();
            }
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
