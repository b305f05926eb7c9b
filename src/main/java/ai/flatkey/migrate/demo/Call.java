package ai.flatkey.migrate.demo;

import com.google.gson.JsonElement;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP exchange as the gateway answers it: every response carries {@code x-request-id} and
 * {@code openai-processing-ms}, plus whatever headers the call collected (rate limits).
 */
final class Call {

    private final HttpExchange exchange;
    private final String requestId;
    private final long startNanos;
    /** The header that carries {@link #requestId}: {@code x-request-id}, or new-api's {@code X-Oneapi-Request-Id}. */
    private final String idHeader;
    /** An upstream's {@code x-request-id} copied through (new-api personality, relayed answers), or null. */
    private String upstreamRequestId;

    Call(HttpExchange exchange, String requestId, long startNanos) {
        this(exchange, requestId, startNanos, "x-request-id");
    }

    Call(HttpExchange exchange, String requestId, long startNanos, String idHeader) {
        this.exchange = exchange;
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.idHeader = idHeader;
    }

    /** The upstream's request ID, sent as {@code x-request-id} beside the gateway's own ID header. */
    void upstreamRequestId(String id) {
        this.upstreamRequestId = id;
    }

    String requestId() {
        return requestId;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    Optional<String> requestHeader(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    void header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /**
     * Reads the request body as UTF-8, or empty when it exceeds {@code limit} bytes. An oversized body is still
     * read (and dropped) up to {@code drainLimit} bytes so the client gets the answer instead of a reset.
     */
    Optional<String> readBody(int limit, long drainLimit) throws IOException {
        return readBytes(limit, drainLimit).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** As {@link #readBody}, the body's bytes (a multipart upload). */
    Optional<byte[]> readBytes(int limit, long drainLimit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total <= limit) {
                    body.write(buffer, 0, n);
                } else if (total > drainLimit) {
                    break;
                }
            }
        }
        return total > limit ? Optional.empty() : Optional.of(body.toByteArray());
    }

    /** The request's query string, or empty. */
    String query() {
        String q = exchange.getRequestURI().getRawQuery();
        return q == null ? "" : q;
    }

    void sendJson(int status, JsonElement json) throws IOException {
        byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        header("Content-Type", "application/json");
        sendHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    void sendError(ApiError error) throws IOException {
        for (Map.Entry<String, String> header : error.headers().entrySet()) {
            header(header.getKey(), header.getValue());
        }
        sendJson(error.status(), error.body());
    }

    /** Sends {@code body} as it is, with the given status and content type. */
    void sendRaw(int status, String contentType, byte[] body) throws IOException {
        header("Content-Type", contentType);
        sendHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Sends only the first half of a JSON answer. With {@code cutConnection} the headers announce the whole length
     * and the connection is cut short of it; otherwise the half is sent as a complete chunked body.
     */
    void sendJsonHalf(int status, JsonElement json, boolean cutConnection) throws IOException {
        byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        header("Content-Type", "application/json");
        sendHeaders(status, cutConnection ? bytes.length : 0);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        if (cutConnection) {
            cut();
        } else {
            out.close();
        }
    }

    /**
     * Cuts the connection of a fixed-length answer before its declared length: closing the exchange (not its body
     * stream) makes the JDK server find the body short and close the socket.
     */
    void cut() {
        exchange.close();
    }

    /** Sends 200 with {@code text/event-stream} headers and a chunked body; write events to the stream returned. */
    OutputStream startEventStream() throws IOException {
        return startEventStream(0);
    }

    /**
     * As {@link #startEventStream()}; a positive {@code declaredLength} sends a fixed {@code Content-Length}
     * instead of chunks, so that closing the stream early cuts the connection (the "drop" fault).
     */
    OutputStream startEventStream(long declaredLength) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-cache");
        sendHeaders(200, declaredLength);
        return exchange.getResponseBody();
    }

    /** Ends the exchange; a client that already left is not an error worth reporting. */
    void close() {
        exchange.close();
    }

    /** {@code length} 0 means a chunked body of unknown length, as in {@link HttpExchange#sendResponseHeaders}. */
    private void sendHeaders(int status, long length) throws IOException {
        header(idHeader, requestId);
        if (upstreamRequestId != null) {
            header("x-request-id", upstreamRequestId);
        }
        header("openai-processing-ms", Long.toString((System.nanoTime() - startNanos) / 1_000_000));
        exchange.sendResponseHeaders(status, length);
    }
}
