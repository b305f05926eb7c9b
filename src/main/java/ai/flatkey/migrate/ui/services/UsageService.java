package ai.flatkey.migrate.ui.services;

import ai.flatkey.migrate.plan.Endpoint;
import ai.flatkey.migrate.usage.Reconciler;
import ai.flatkey.migrate.usage.UsageAdapter;
import ai.flatkey.migrate.usage.UsageAdapters;
import ai.flatkey.migrate.usage.UsageException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's books as the wizard sees them: the usage adapter for a target, a reconciler over it, and the
 * rate-limit headers of a {@code GET /models}. Blocking; call off the UI thread. Tests pass a fake.
 */
public interface UsageService {

    /** The adapter for the target's preset (manual where the gateway has no usage API). */
    UsageAdapter adapter(Endpoint target, String key) throws UsageException;

    /** A reconciler that looks a request up a few times while the gateway's log catches up. */
    Reconciler reconciler(UsageAdapter adapter);

    /** The {@code x-ratelimit-*} headers the gateway sends, as readable lines; empty when it sends none. */
    List<String> rateLimits(String baseUrl, String key) throws IOException;

    /** For a wizard without network access to usage APIs: every target is "manual", no rate limits are read. */
    static UsageService manualOnly() {
        return new UsageService() {
            @Override
            public UsageAdapter adapter(Endpoint target, String key) {
                return UsageAdapter.manual();
            }

            @Override
            public Reconciler reconciler(UsageAdapter adapter) {
                return new Reconciler(adapter, Clock.systemUTC(), ms -> { }, 1, 0);
            }

            @Override
            public List<String> rateLimits(String baseUrl, String key) {
                return List.of();
            }
        };
    }

    /** Over the usage package and OkHttp. */
    static UsageService of(OkHttpClient http, Clock clock) {
        return of(() -> http, clock);
    }

    /** Over the usage package and an OkHttp client created when first needed. */
    static UsageService of(java.util.function.Supplier<OkHttpClient> lazyHttp, Clock clock) {
        return new UsageService() {
            @Override
            public UsageAdapter adapter(Endpoint target, String key) throws UsageException {
                return UsageAdapters.forTarget(target, key, lazyHttp.get());
            }

            @Override
            public Reconciler reconciler(UsageAdapter adapter) {
                return new Reconciler(adapter, clock, Thread::sleep, 4, 1000);
            }

            @Override
            public List<String> rateLimits(String baseUrl, String key) throws IOException {
                HttpUrl base = HttpUrl.parse(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
                if (base == null) {
                    throw new IOException("Not a URL: " + baseUrl);
                }
                Request.Builder rb = new Request.Builder().url(base.resolve("models")).get();
                if (key != null && !key.isBlank()) {
                    rb.header("Authorization", "Bearer " + key);
                }
                try (Response r = lazyHttp.get().newCall(rb.build()).execute()) {
                    return describe(r.headers().toMultimap());
                }
            }
        };
    }

    /** "requests: 59 of 60 left, full again in 1s" lines from {@code x-ratelimit-*} headers. */
    static List<String> describe(java.util.Map<String, List<String>> headers) {
        java.util.Map<String, String> first = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!v.isEmpty()) {
                first.putIfAbsent(k, v.get(0));
            }
        });
        return ai.flatkey.migrate.wire.ResponseHeaders.rateLimitLines(first);
    }
}
