package ai.flatkey.migrate.usage;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.wire.ApiException;
import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.ClientConfig;
import ai.flatkey.migrate.wire.OpenAiClient;
import ai.flatkey.migrate.wire.Transport;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The gateway's books: the usage adapter for a target, a reconciler over it, and the rate-limit headers of a
 * {@code GET /models}. Blocking; call off a UI thread. The wizard and the CLI use the same one; tests pass a fake.
 */
public interface UsageService {

    /** The adapter for the target's preset (manual where the gateway has no usage API). */
    UsageAdapter adapter(Endpoint target, String key) throws UsageException;

    /** A reconciler that looks a request up a few times while the gateway's log catches up; a cancel ends its waits. */
    Reconciler reconciler(UsageAdapter adapter, Cancellation cancel);

    /** The {@code x-ratelimit-*} headers the gateway sends, as readable lines; empty when it sends none or fails. */
    List<String> rateLimits(String baseUrl, String key, Cancellation cancel);

    /** Without network access to usage APIs: every target is "manual", no rate limits are read. */
    static UsageService manualOnly() {
        return new UsageService() {
            @Override
            public UsageAdapter adapter(Endpoint target, String key) {
                return UsageAdapter.manual();
            }

            @Override
            public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
                return new Reconciler(adapter, Clock.systemUTC(), ms -> { }, 1, 0);
            }

            @Override
            public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
                return List.of();
            }
        };
    }

    /**
     * How long a read of the books (quota, prices, usage log, rate limits) may wait: connect, first byte and the whole
     * call. Short, so a gateway that never answers costs seconds here, not another minute after the summary.
     */
    Duration BOOKS_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    Duration BOOKS_READ_TIMEOUT = Duration.ofSeconds(5);
    Duration BOOKS_CALL_TIMEOUT = Duration.ofSeconds(10);

    /** The client for the books of {@code baseUrl}: the short timeouts above. */
    private static OpenAiClient booksClient(Transport http, String baseUrl, String key) {
        return http.client(new ClientConfig(baseUrl, key, BOOKS_CONNECT_TIMEOUT, BOOKS_READ_TIMEOUT,
                BOOKS_CALL_TIMEOUT));
    }

    /** Over the usage adapters and the wire client, on an HTTP client created when first needed. */
    static UsageService of(Supplier<Transport> lazyHttp, Clock clock) {
        return new UsageService() {
            @Override
            public UsageAdapter adapter(Endpoint target, String key) throws UsageException {
                return UsageAdapters.forTarget(target, booksClient(lazyHttp.get(), target.baseUrl(), key));
            }

            @Override
            public Reconciler reconciler(UsageAdapter adapter, Cancellation cancel) {
                return new Reconciler(adapter, clock, cancel::pause, 4, 1000);
            }

            @Override
            public List<String> rateLimits(String baseUrl, String key, Cancellation cancel) {
                try {
                    return booksClient(lazyHttp.get(), baseUrl, key).listModels(cancel).headers()
                            .rateLimitLines();
                } catch (ApiException | IllegalArgumentException e) {
                    return List.of();
                }
            }
        };
    }
}
