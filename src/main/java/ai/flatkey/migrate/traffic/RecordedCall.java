package ai.flatkey.migrate.traffic;

import com.google.gson.JsonElement;

import java.util.List;
import java.util.Map;

/**
 * One call the app made through the recording proxy, as written to a recording file (one JSON line each). Every text
 * in it has been redacted before it was written ({@link RecordingWriter}); header names are lower case.
 *
 * @param seq             1-based order of the call's start within the recording
 * @param startedAt       ISO-8601 instant the request arrived at the proxy
 * @param method          HTTP method
 * @param path            path and query as the app sent them to the proxy (credential query values removed)
 * @param requestHeaders  the request headers that shape the call (content type, accept, beta flags, organisation
 *                        headers are dropped; see {@link Redaction#KEPT_REQUEST_HEADERS})
 * @param requestBody     the request body when it was JSON, else null
 * @param requestBodyRef  a description of a body that was not JSON (multipart audio, an image), else null
 * @param status          the upstream's HTTP status, or 0 when no answer came (see {@code outcome})
 * @param responseHeaders the response headers that describe the answer (content type, request ID, rate limits)
 * @param responseBody    the answer's body when it was JSON and not a stream, else null
 * @param responseText    the answer's body when it was text but not JSON (capped), else null
 * @param responseBodyRef a description of a binary answer (speech audio), else null
 * @param events          the SSE events of a streamed answer, in order, with times relative to the request; else empty
 * @param timing          time to first byte of the body (TTFT for a stream) and total time
 * @param usage           token usage the answer reported (last one for a stream), else null
 * @param outcome         {@code complete}, {@code client-disconnected} or {@code upstream-failed: <cause>}
 */
public record RecordedCall(int seq, String startedAt, String method, String path, Map<String, String> requestHeaders,
                           JsonElement requestBody, BodyRef requestBodyRef, int status,
                           Map<String, String> responseHeaders, JsonElement responseBody, String responseText,
                           BodyRef responseBodyRef, List<SseEvent> events, Timing timing, Usage usage,
                           String outcome) {

    /** The outcome of a call whose answer reached the app whole. */
    public static final String COMPLETE = "complete";
    /** The outcome of a call the app gave up on before the answer ended (the upstream call was cancelled). */
    public static final String CLIENT_DISCONNECTED = "client-disconnected";
    /** The prefix of the outcome of a call the upstream never answered (connection refused, timed out…). */
    public static final String UPSTREAM_FAILED = "upstream-failed";

    public RecordedCall {
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
        events = events == null ? List.of() : List.copyOf(events);
        outcome = outcome == null ? COMPLETE : outcome;
    }

    /** The path without its query. */
    public String route() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** Whether the answer came as a server-sent event stream. */
    public boolean streamed() {
        return !events.isEmpty() || String.valueOf(responseHeaders.get("content-type")).startsWith("text/event-stream");
    }

    /** The {@code model} field of a JSON request, or null. */
    public String model() {
        if (requestBody != null && requestBody.isJsonObject()) {
            JsonElement m = requestBody.getAsJsonObject().get("model");
            if (m != null && m.isJsonPrimitive()) {
                return m.getAsString();
            }
        }
        return requestBodyRef == null ? null : requestBodyRef.model();
    }

    /**
     * A body kept by reference, not by content: its media type, size and digest, and for multipart forms the names
     * of the parts and the {@code model} field, so a replay knows what was sent without storing audio or images.
     */
    public record BodyRef(String contentType, long bytes, String sha256, List<String> parts, String model) {
        public BodyRef {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    /** One server-sent event: milliseconds after the request arrived, its {@code event:} name (or null), its data. */
    public record SseEvent(long atMs, String event, String data) {
    }

    /** Milliseconds to the first byte of the answer's body (TTFT for a stream), and to its end; null when unknown. */
    public record Timing(Long firstByteMs, Long totalMs) {
    }

    /** Token usage as the answer reported it; a count the answer did not give is null. */
    public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {
    }
}
