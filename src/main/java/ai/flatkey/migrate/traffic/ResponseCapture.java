package ai.flatkey.migrate.traffic;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What the recording keeps of an answer, built from its bytes as the proxy forwards them: decoded when gzipped, split
 * into server-sent events with the time each completed, kept whole when it is a JSON or text body of at most
 * {@link #MAX_KEPT_BODY}, and described by reference (type, size, sha256) otherwise — so its memory stays bounded
 * whatever the answer's size. Not thread-safe: one per call, fed by the thread that forwards it.
 */
final class ResponseCapture {
    /** The largest JSON or text body kept whole; a larger one is recorded by reference. */
    static final int MAX_KEPT_BODY = 8 * 1024 * 1024;
    /** The most event data kept for one stream; later events are forwarded but not recorded. */
    static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final long startNanos;
    private final String contentType;
    private final boolean sse;
    private final boolean textual;
    private final GunzipFeed gunzip;
    private final boolean undecodable;
    /** The digest of a body recorded by reference; made when the first such bytes come (most answers never need it). */
    private MessageDigest sha;
    private final List<RecordedCall.SseEvent> events = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private StringBuilder data;
    private String eventName;
    private long eventBytes;
    private long decodedBytes;
    private long firstByteNanos;
    private boolean parsed;
    private JsonElement json;

    ResponseCapture(long startNanos, String contentType, String contentEncoding) {
        this.startNanos = startNanos;
        this.contentType = contentType == null ? "" : contentType;
        String type = this.contentType.toLowerCase(Locale.ROOT);
        this.sse = type.startsWith("text/event-stream");
        this.textual = type.contains("json") || type.startsWith("text/") || type.isEmpty();
        String enc = contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        this.gunzip = enc.equals("gzip") || enc.equals("x-gzip") ? new GunzipFeed() : null;
        this.undecodable = gunzip == null && !enc.equals("identity") && !enc.isEmpty();
    }

    private MessageDigest sha() {
        if (sha == null) {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return sha;
    }

    /** {@code len} more bytes of the body as they were forwarded, at {@code nowNanos}. */
    void feed(byte[] buf, int len, long nowNanos) {
        if (len <= 0) {
            return;
        }
        if (firstByteNanos == 0) {
            firstByteNanos = nowNanos;
        }
        if (gunzip == null) {
            decoded(buf, 0, len, nowNanos);
            return;
        }
        byte[] plain = gunzip.feed(buf, 0, len);
        decoded(plain, 0, plain.length, nowNanos);
    }

    private void decoded(byte[] buf, int off, int len, long nowNanos) {
        decodedBytes += len;
        if (sse) {
            // A stream is never recorded by reference: no digest. Events are read unless its encoding is unknown.
            if (undecodable) {
                return;
            }
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    line(line.toString(StandardCharsets.UTF_8), nowNanos);
                    line.reset();
                } else {
                    line.write(buf[i]);
                }
            }
        } else if (kept != null && textual && !undecodable) {
            // Kept whole: hashed only if it turns out too large to keep (a kept body is recorded, not referenced).
            if (kept.size() + len > MAX_KEPT_BODY) {
                sha().update(kept.toByteArray());
                sha().update(buf, off, len);
                kept = null;
            } else {
                kept.write(buf, off, len);
            }
        } else {
            sha().update(buf, off, len);
        }
    }

    private void line(String raw, long nowNanos) {
        String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        if (l.isEmpty()) {
            dispatch(nowNanos);
        } else if (l.startsWith("data:")) {
            String v = l.substring(l.startsWith("data: ") ? 6 : 5);
            data = data == null ? new StringBuilder(v) : data.append('\n').append(v);
        } else if (l.startsWith("event:")) {
            eventName = l.substring(6).strip();
        }
    }

    private void dispatch(long nowNanos) {
        if (data != null) {
            eventBytes += data.length();
            if (eventBytes <= MAX_EVENT_BYTES) {
                events.add(new RecordedCall.SseEvent(ms(nowNanos), eventName, data.toString()));
            }
        }
        data = null;
        eventName = null;
    }

    private long ms(long nanos) {
        return Math.max(0, (nanos - startNanos) / 1_000_000);
    }

    /** Milliseconds from the request to the first byte of the body, or null when none came. */
    Long firstByteMs() {
        return firstByteNanos == 0 ? null : ms(firstByteNanos);
    }

    /** The events of a stream (a last one without its blank line included). */
    List<RecordedCall.SseEvent> events(long endNanos) {
        if (sse && line.size() > 0) {
            line(line.toString(StandardCharsets.UTF_8), endNanos);
            line.reset();
        }
        if (sse) {
            dispatch(endNanos);
        }
        return events;
    }

    boolean streamed() {
        return sse;
    }

    /** The body as JSON when it was JSON and kept; else null. Parsed once, after the body ended. */
    JsonElement json() {
        if (!parsed) {
            parsed = true;
            String text = keptText();
            try {
                json = text == null || text.isBlank() ? null : RecordingWriter.strict(text.strip());
            } catch (JsonParseException | java.io.IOException | IllegalStateException notJson) {
                json = null;
            }
        }
        return json;
    }

    /** The body as text when it was text (not JSON) and kept; else null. */
    String text() {
        String t = keptText();
        return t == null || t.isEmpty() || json() != null ? null : t;
    }

    private String keptText() {
        return sse || kept == null || !textual || undecodable || gunzipFailed() ? null
                : kept.toString(StandardCharsets.UTF_8);
    }

    private boolean gunzipFailed() {
        return gunzip != null && gunzip.failed();
    }

    /** A reference to a body that was not kept (binary, too large, undecodable); null when it was kept or empty. */
    RecordedCall.BodyRef ref() {
        if (sse || decodedBytes == 0 || keptText() != null) {
            return null;
        }
        if (kept != null) {
            // kept but not recorded as text (a failed gunzip): its bytes were not hashed yet
            sha().update(kept.toByteArray());
            kept = null;
        }
        return new RecordedCall.BodyRef(contentType.isEmpty() ? null : contentType, decodedBytes,
                HexFormat.of().formatHex(sha().digest()), List.of(), null);
    }

    void close() {
        if (gunzip != null) {
            gunzip.end();
        }
    }
}
