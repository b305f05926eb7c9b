package ai.flatkey.migrate.wire;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

import java.util.Objects;

/**
 * The app's one HTTP stack (connection pool, dispatcher, proxy, CA), shared by every client built from it. Code
 * outside {@code wire} holds a {@code Transport} and asks it for {@link OpenAiClient}s; only a composition root (the
 * wizard's context, the CLI) creates one, so the HTTP library's types stay inside this package.
 */
public final class Transport implements AutoCloseable {
    private final OkHttpClient http;
    /**
     * The relays' own connections (the stack's other settings shared): the app's pool keeps 16 idle, and a proxy
     * serving more calls at once than that closed a connection to the upstream after a call and opened another for
     * a later one (64 clients: one call in twelve on a new connection). Idle ones still close after
     * {@link OpenAiClient#POOL_KEEP_ALIVE}.
     */
    private final ConnectionPool relayPool = new ConnectionPool(Relay.MAX_IDLE_CONNECTIONS,
            OpenAiClient.POOL_KEEP_ALIVE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);

    private Transport(OkHttpClient http) {
        this.http = Objects.requireNonNull(http);
    }

    /** A new stack with the app's network settings from the environment (proxy, CA bundle). */
    public static Transport create() {
        return new Transport(OpenAiClient.newHttpClient());
    }

    /** Over an HTTP client built elsewhere (tests with a hostile server's own client, a composition root). */
    public static Transport over(OkHttpClient http) {
        return new Transport(http);
    }

    /** A client for {@code config} on this stack. */
    public OpenAiClient client(ClientConfig config) {
        return new OpenAiClient(http, config);
    }

    /** A client for {@code baseUrl} with {@code apiKey} (may be null) and the default timeouts. */
    public OpenAiClient client(String baseUrl, String apiKey) {
        return client(ClientConfig.of(baseUrl, apiKey));
    }

    /**
     * A relay to {@code upstreamBaseUrl} on this stack (its proxies and CA bundle): requests sent as an app wrote them,
     * answers read as they arrive ({@link Relay}).
     *
     * @param readTimeout the longest wait for the first byte and between bytes of an answer
     */
    public Relay relay(String upstreamBaseUrl, java.time.Duration connectTimeout, java.time.Duration readTimeout) {
        return new Relay(http, relayPool, upstreamBaseUrl, connectTimeout, readTimeout);
    }

    /**
     * Cancels every call on this stack now, from any thread: each ends at once with a cancelled failure. For a process
     * that is asked to stop (the CLI's shutdown hook); a use case cancels its own calls with its {@link Cancellation}.
     */
    public void cancelAll() {
        http.dispatcher().cancelAll();
    }

    /** Stops the stack's threads and closes its idle connections. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        relayPool.evictAll();
    }
}
