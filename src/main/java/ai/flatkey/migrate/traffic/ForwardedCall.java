package ai.flatkey.migrate.traffic;

import ai.flatkey.migrate.wire.Cancellation;
import ai.flatkey.migrate.wire.Redactor;
import ai.flatkey.migrate.wire.Relay;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request through the recording proxy: read from the app, relayed upstream, the answer copied back read by read
 * (each read flushed to the app at once: a stream reaches it as it arrives), and captured for the recording on the
 * way. The app's credentials are passed through untouched and known only to this object's {@link Redaction}, which
 * removes them from what is recorded.
 */
final class ForwardedCall {
    /** The request headers whose values are the app's credentials. */
    static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "api-key", "x-api-key",
            "proxy-authorization", "x-goog-api-key", "anthropic-api-key");
    /** Query parameters whose values are credentials. */
    static final Set<String> CREDENTIAL_PARAMS = Set.of("key", "api_key", "api-key", "apikey", "access_token",
            "token");
    private static final int BUFFER = 16 * 1024;
    /** One copy buffer per serving thread (they are reused from call to call), not one per call. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private final HttpExchange exchange;
    private final int seq;
    private final long startNanos = System.nanoTime();
    private final String startedAt = Instant.now().toString();
    private final Cancellation cancel = new Cancellation();
    private Relay.Outgoing outgoing;
    private Redaction redaction;
    private boolean cutOff;

    ForwardedCall(HttpExchange exchange, int seq) {
        this.exchange = exchange;
        this.seq = seq;
    }

    Cancellation cancellation() {
        return cancel;
    }

    /** The request as the app sent it; null when its body is larger than {@code maxBody} (nothing was forwarded). */
    Relay.Outgoing read(long maxBody, boolean shapesOnly) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = (path == null || path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
        redaction = new Redaction(shapesOnly, credentials(headers, query));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        }
        if (body.length > maxBody) {
            return null;
        }
        outgoing = new Relay.Outgoing(exchange.getRequestMethod(), pathAndQuery, headers, body);
        return outgoing;
    }

    Redaction redaction() {
        return redaction;
    }

    /** The app's own credentials as sent: header values (and the token after the scheme), key query values. */
    static List<String> credentials(List<Map.Entry<String, String>> headers, String rawQuery) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)) && !h.getValue().isBlank()) {
                String v = h.getValue().strip();
                out.add(v);
                int space = v.indexOf(' ');
                if (space > 0) {
                    out.add(v.substring(space + 1).strip());
                }
            }
        }
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && CREDENTIAL_PARAMS.contains(pair.substring(0, eq).toLowerCase(Locale.ROOT))) {
                    out.add(pair.substring(eq + 1));
                    out.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** The app's request as the recording keeps it, before the answer. */
    RecordedCall request() {
        String type = header("content-type");
        var json = RequestCapture.json(type, outgoing.body());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        outgoing.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        return new RecordedCall(seq, startedAt, outgoing.method(), outgoing.pathAndQuery(),
                redaction.headers(headers, Redaction.KEPT_REQUEST_HEADERS), json, json != null ? null
                : RequestCapture.ref(type, outgoing.body()), 0, null, null, null, null, null, null, null, null);
    }

    private String header(String name) {
        for (Map.Entry<String, String> h : outgoing.headers()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /**
     * Copies the upstream's answer to the app as it arrives; returns what is needed to build the call as recorded
     * ({@link Forwarded#recorded()}), which is left to the recording's writer thread: the answer's JSON is parsed there,
     * not on the thread that serves the app.
     */
    Forwarded forward(Relay.Answer answer, RecordedCall request) throws IOException {
        Map<String, List<String>> upstreamHeaders = answer.headerMap();
        ResponseCapture capture = new ResponseCapture(startNanos, first(upstreamHeaders, "content-type"),
                first(upstreamHeaders, "content-encoding"));
        String outcome = RecordedCall.COMPLETE;
        try (InputStream in = answer.body()) {
            answer.headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
            if (sendHeaders(answer)) {
                outcome = copy(in, exchange.getResponseBody(), capture, answer);
            } else {
                outcome = RecordedCall.CLIENT_DISCONNECTED;
            }
        } finally {
            cutOff = outcome.startsWith(RecordedCall.UPSTREAM_FAILED);
            if (!cutOff) {
                exchange.close();
            }
            answer.close();
            capture.close();
        }
        return new Forwarded(request, answer.status(), upstreamHeaders, capture, System.nanoTime(), outcome);
    }

    /** An answer that was forwarded, not yet turned into the call as recorded. */
    final class Forwarded {
        private final RecordedCall request;
        private final int status;
        private final Map<String, List<String>> upstreamHeaders;
        private final ResponseCapture capture;
        private final long end;
        private final String outcome;

        Forwarded(RecordedCall request, int status, Map<String, List<String>> upstreamHeaders,
                  ResponseCapture capture, long end, String outcome) {
            this.request = request;
            this.status = status;
            this.upstreamHeaders = upstreamHeaders;
            this.capture = capture;
            this.end = end;
            this.outcome = outcome;
        }

        /** The call as recorded (before the writer's redaction): the answer's JSON parsed, its events listed. */
        RecordedCall recorded() {
            List<RecordedCall.SseEvent> events = capture.events(end);
            var json = capture.json();
            return new RecordedCall(seq, startedAt, request.method(), request.path(), request.requestHeaders(),
                    request.requestBody(), request.requestBodyRef(), status,
                    redaction.headers(upstreamHeaders, Redaction.KEPT_RESPONSE_HEADERS), json, capture.text(),
                    capture.ref(), events, new RecordedCall.Timing(capture.firstByteMs(),
                    (end - startNanos) / 1_000_000), RequestCapture.usage(json, events), outcome);
        }
    }

    /**
     * Whether the upstream cut the answer off part-way: the app's connection must then be cut too (not ended cleanly,
     * which would pass a truncated answer off as whole); the caller throws so that the server closes it.
     */
    boolean cutOff() {
        return cutOff;
    }

    private boolean sendHeaders(Relay.Answer answer) {
        try {
            exchange.sendResponseHeaders(answer.status(), responseLength(answer));
            return true;
        } catch (IOException gone) {
            answer.cancel();
            cancel.cancel();
            return false;
        }
    }

    /** Reads and forwards until the answer ends; the outcome. A failed write means the app left: upstream cancelled. */
    private String copy(InputStream in, OutputStream out, ResponseCapture capture, Relay.Answer answer) {
        byte[] buf = BUFFERS.get();
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                return cancel.isCancelled() ? RecordedCall.CLIENT_DISCONNECTED
                        : RecordedCall.UPSTREAM_FAILED + ": the answer was cut off (" + safe(e) + ")";
            }
            if (n < 0) {
                try {
                    out.close();
                    return RecordedCall.COMPLETE;
                } catch (IOException e) {
                    return RecordedCall.CLIENT_DISCONNECTED;
                }
            }
            long now = System.nanoTime();
            try {
                out.write(buf, 0, n);
                out.flush();
            } catch (IOException e) {
                answer.cancel();
                cancel.cancel();
                return RecordedCall.CLIENT_DISCONNECTED;
            }
            capture.feed(buf, n, now);
        }
    }

    /** The length for {@code sendResponseHeaders}: -1 for no body, 0 for chunked, else the upstream's length. */
    private long responseLength(Relay.Answer answer) {
        int s = answer.status();
        if (exchange.getRequestMethod().equalsIgnoreCase("HEAD") || s == 204 || s == 304 || s < 200) {
            return -1;
        }
        long len = answer.contentLength();
        return len == 0 ? -1 : len < 0 ? 0 : len;
    }

    /** Answers a request the upstream could not take: a 502 (or {@code status}) with an OpenAI-style error. */
    RecordedCall refuse(int status, String code, String message, RecordedCall request) {
        String body = "{\"error\":{\"message\":" + RecordingWriter.GSON.toJson(message)
                + ",\"type\":\"proxy_error\",\"param\":null,\"code\":\"" + code + "\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException gone) {
            // the app left already
        } finally {
            exchange.close();
        }
        if (request == null) {
            return null;
        }
        long total = (System.nanoTime() - startNanos) / 1_000_000;
        return new RecordedCall(seq, startedAt, request.method(), request.path(), request.requestHeaders(),
                request.requestBody(), request.requestBodyRef(), 0, null, null, null, null, null,
                new RecordedCall.Timing(null, total), null, RecordedCall.UPSTREAM_FAILED + ": " + message);
    }

    static String safe(Exception e) {
        String m = e.getMessage();
        return Redactor.redact(e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
