package ai.flatkey.migrate.wire;

import java.io.IOException;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The origin (scheme, host, port) a key was configured for, carried as a tag on each request. A network interceptor
 * sees every hop, redirects included: a hop to another origin that would still carry the key — in a query parameter
 * (new-api's {@code ?key=}, which OkHttp keeps across redirects) or a header — is refused before anything is sent, so
 * a key goes only to its own origin. (OkHttp itself drops {@code Authorization} on a redirect to another origin.)
 *
 * @param origin the configured origin, e.g. {@code https://router.flatkey.ai:443}
 * @param key    the key, or null for none
 */
record KeyOrigin(String origin, String key) {

    /** The interceptor every client of {@link OpenAiClient} runs with. */
    static final Interceptor GUARD = chain -> {
        Request r = chain.request();
        KeyOrigin o = r.tag(KeyOrigin.class);
        if (o != null && !o.origin().equals(origin(r.url())) && o.carriedBy(r)) {
            throw new IOException("the gateway redirected a request that carries the key to another origin ("
                    + Redactor.redact(origin(r.url())) + ", not " + Redactor.redact(o.origin()) + "); the redirect was "
                    + "not followed, so the key went nowhere else. Point the base URL at the address the gateway "
                    + "redirects to, if that is its real address");
        }
        return chain.proceed(r);
    };

    static KeyOrigin of(HttpUrl url, String key) {
        return new KeyOrigin(origin(url), key == null || key.isBlank() ? null : key);
    }

    static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** Whether the request holds the key anywhere: a query value or a header value. */
    boolean carriedBy(Request r) {
        if (key == null) {
            return false;
        }
        HttpUrl url = r.url();
        for (int i = 0; i < url.querySize(); i++) {
            if (Objects.toString(url.queryParameterValue(i), "").contains(key)) {
                return true;
            }
        }
        for (int i = 0; i < r.headers().size(); i++) {
            if (r.headers().value(i).contains(key)) {
                return true;
            }
        }
        return false;
    }
}
