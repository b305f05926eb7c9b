package ai.flatkey.migrate.wire;

import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sends a request exactly as an app wrote it to an upstream gateway and hands back the answer as it arrives: the one
 * network path of the recording proxy and of shadow mirrors, on the app's HTTP stack ({@link Transport}: proxies, CA
 * bundle). Headers pass through unchanged — the app's own {@code Authorization} or {@code api-key} included — except
 * the hop-by-hop ones (RFC 9110 §7.6.1) and those the connection itself sets ({@code Host}, {@code Content-Length}).
 * Redirects are not followed (the app gets the 3xx and decides), nothing is retried, and the answer's body is not
 * decoded: when the app sent no {@code Accept-Encoding}, {@code identity} is asked for so that OkHttp's transparent
 * gzip does not change the bytes the app receives.
 */
public final class Relay {
    /** Headers that describe one connection, not the message (plus those the HTTP stack sets itself). */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");

    /**
     * Idle upstream connections a relay's pool keeps (as many as the recording proxy serves calls at once by
     * default): every connection a burst of calls needed is there for the next one.
     */
    public static final int MAX_IDLE_CONNECTIONS = 256;

    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

    private final OkHttpClient http;
    private final HttpUrl upstream;

    Relay(OkHttpClient shared, String upstreamBaseUrl, Duration connectTimeout, Duration readTimeout) {
        this(shared, shared.connectionPool(), upstreamBaseUrl, connectTimeout, readTimeout);
    }

    /** On {@code shared}'s stack with connections of its own in {@code pool}. */
    Relay(OkHttpClient shared, ConnectionPool pool, String upstreamBaseUrl, Duration connectTimeout,
          Duration readTimeout) {
        this.upstream = Objects.requireNonNull(HttpUrl.parse(upstreamBaseUrl),
                () -> "not an http(s) URL: " + Redactor.redact(upstreamBaseUrl));
        this.http = shared.newBuilder()
                .connectionPool(pool)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(Duration.ZERO)
                .build();
    }

    /** The upstream's base URL as given. */
    public String upstream() {
        return upstream.toString();
    }

    /**
     * One request as the app sent it.
     *
     * @param method      HTTP method
     * @param pathAndQuery the path and query the app asked for, sent to the upstream's origin unchanged
     * @param headers     the app's headers in order (a name may repeat)
     * @param body        the body's bytes (empty for none)
     */
    public record Outgoing(String method, String pathAndQuery, List<Map.Entry<String, String>> headers, byte[] body) {
        public Outgoing {
            headers = List.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        /** The same request with another body (a shadow's mapped model). */
        public Outgoing withBody(byte[] other) {
            return new Outgoing(method, pathAndQuery, headers, other);
        }
    }

    /** The upstream's answer: status and headers at once, the body to be read as it arrives. Close it when done. */
    public static final class Answer implements Closeable {
        private final Call call;
        private final Response response;

        private Answer(Call call, Response response) {
            this.call = call;
            this.response = response;
        }

        public int status() {
            return response.code();
        }

        /** The status line's reason phrase (may be empty on HTTP/2). */
        public String reason() {
            return response.message();
        }

        /** The headers in order, names as sent; hop-by-hop headers removed. */
        public List<Map.Entry<String, String>> headers() {
            List<Map.Entry<String, String>> out = new ArrayList<>();
            Set<String> named = connectionNamed(response.headers());
            for (int i = 0; i < response.headers().size(); i++) {
                String name = response.headers().name(i);
                if (!dropped(name, named)) {
                    out.add(Map.entry(name, response.headers().value(i)));
                }
            }
            return out;
        }

        /** The headers by lower-case name, values of a repeated one listed in order (hop-by-hop ones included). */
        public Map<String, List<String>> headerMap() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            response.headers().forEach(p -> m.computeIfAbsent(p.getFirst().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(p.getSecond()));
            return m;
        }

        /** The declared body length, or -1 when unknown (chunked, a stream). */
        public long contentLength() {
            ResponseBody b = response.body();
            return b.contentLength();
        }

        /** The body's bytes as they arrive, undecoded. */
        public InputStream body() {
            return response.body().byteStream();
        }

        /** Cancels the upstream call now, from any thread: its connection is closed and a blocked read ends. */
        public void cancel() {
            call.cancel();
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /**
     * Sends {@code out}; returns once the status and headers arrived. A cancel of {@code cancel} cancels the call at
     * any point, also later while the body is read.
     *
     * @throws IOException when no answer came (refused, timed out, reset, cancelled)
     */
    public Answer send(Outgoing out, Cancellation cancel) throws IOException {
        Call call = http.newCall(request(out));
        Runnable hook = call::cancel;
        cancel.onCancel(hook);
        try {
            return new Answer(call, call.execute());
        } catch (IOException | RuntimeException e) {
            cancel.remove(hook);
            throw e;
        }
    }

    Request request(Outgoing out) {
        HttpUrl url = upstream.resolve(out.pathAndQuery());
        if (url == null) {
            throw new IllegalArgumentException("not a path: " + Redactor.redact(out.pathAndQuery()));
        }
        Request.Builder b = new Request.Builder().url(url);
        Set<String> named = connectionNamed(out.headers());
        boolean encoding = false;
        for (Map.Entry<String, String> h : out.headers()) {
            if (!dropped(h.getKey(), named)) {
                b.addHeader(h.getKey(), h.getValue());
                encoding |= h.getKey().equalsIgnoreCase("accept-encoding");
            }
        }
        if (!encoding) {
            b.header("Accept-Encoding", "identity");
        }
        String method = out.method().toUpperCase(Locale.ROOT);
        boolean required = BODY_REQUIRED.contains(method);
        boolean permitted = !method.equals("GET") && !method.equals("HEAD");
        boolean withBody = permitted && (out.body().length > 0 || required);
        b.method(method, withBody ? RequestBody.create(out.body()) : null);
        return b.build();
    }

    private static boolean dropped(String name, Set<String> connectionNamed) {
        String lower = name.toLowerCase(Locale.ROOT);
        return HOP_BY_HOP.contains(lower) || connectionNamed.contains(lower);
    }

    /** The header names a {@code Connection} header lists: hop-by-hop too. */
    private static Set<String> connectionNamed(List<Map.Entry<String, String>> headers) {
        Set<String> out = Set.of();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase("connection")) {
                out = out.isEmpty() ? new java.util.HashSet<>() : out;
                addTokens(h.getValue(), out);
            }
        }
        return out;
    }

    private static Set<String> connectionNamed(Headers headers) {
        List<String> values = headers.values("Connection");
        if (values.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        values.forEach(v -> addTokens(v, out));
        return out;
    }

    private static void addTokens(String value, Set<String> out) {
        for (String t : value.split(",")) {
            if (!t.isBlank()) {
                out.add(t.strip().toLowerCase(Locale.ROOT));
            }
        }
    }
}
