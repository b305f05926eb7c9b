package ai.flatkey.migrate.traffic;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends calls to a recording file, one JSON line each, after the header line. Nothing reaches the disk before it
 * went through the call's {@link Redaction}: the writer redacts the record it is given again, whatever the caller did,
 * so a caller's slip cannot write a key. {@link #append(RecordedCall, Redaction)} flushes each line as it is written;
 * the proxy's writer thread flushes once after a burst of lines ({@link #flush()}): a recording cut short by a crash or
 * a kill keeps every call flushed before it. Thread-safe.
 */
public final class RecordingWriter implements Closeable {
    static final Gson GSON = new Gson().newBuilder().disableHtmlEscaping().create();

    private final Path file;
    private final RecordingHeader header;
    private final BufferedWriter out;
    private int written;

    private RecordingWriter(Path file, RecordingHeader header, BufferedWriter out) {
        this.file = file;
        this.header = header;
        this.out = out;
    }

    /**
     * Starts a new recording file (an existing file is replaced only when {@code replace} is set).
     *
     * @throws IOException when the file exists and may not be replaced, or cannot be written
     */
    public static RecordingWriter create(Path file, RecordingHeader header, boolean replace) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter out = replace
                ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        Redaction clean = new Redaction(false, List.of());
        RecordingHeader safe = new RecordingHeader(RecordingHeader.FORMAT, RecordingHeader.VERSION, header.createdAt(),
                clean.text(header.upstream()), header.contents(), header.tool());
        RecordingWriter w = new RecordingWriter(file, safe, out);
        synchronized (w) {
            out.write(GSON.toJson(safe));
            out.newLine();
            out.flush();
        }
        return w;
    }

    /** The header written on the file's first line. */
    public RecordingHeader header() {
        return header;
    }

    public Path file() {
        return file;
    }

    /** How many calls were written. */
    public synchronized int written() {
        return written;
    }

    /**
     * Writes one call, redacted with {@code redaction} (which knows the call's own credentials); returns what was
     * written.
     */
    public RecordedCall append(RecordedCall call, Redaction redaction) throws IOException {
        return append(call, redaction, true);
    }

    /**
     * {@link #append(RecordedCall, Redaction)}, flushed at once or left in the buffer for {@link #flush()} (a writer
     * thread with more calls waiting flushes once after the last).
     */
    RecordedCall append(RecordedCall call, Redaction redaction, boolean flush) throws IOException {
        RecordedCall safe = redacted(call, redaction);
        String line = GSON.toJson(safe);
        synchronized (this) {
            out.write(line);
            out.newLine();
            if (flush) {
                out.flush();
            }
            written++;
        }
        return safe;
    }

    /** Writes what is buffered to the file. */
    synchronized void flush() throws IOException {
        out.flush();
    }

    /** The call as it may be stored: every text and JSON value through {@code r}. */
    static RecordedCall redacted(RecordedCall c, Redaction r) {
        List<RecordedCall.SseEvent> events = new ArrayList<>(c.events().size());
        for (RecordedCall.SseEvent e : c.events()) {
            events.add(new RecordedCall.SseEvent(e.atMs(), r.text(e.event()), eventData(e.data(), r)));
        }
        return new RecordedCall(c.seq(), c.startedAt(), c.method(), r.text(c.path()), headers(c.requestHeaders(), r),
                r.json(c.requestBody()), ref(c.requestBodyRef(), r), c.status(), headers(c.responseHeaders(), r),
                r.json(c.responseBody()), r.shapesOnly() && c.responseText() != null
                ? Redaction.lengthOnly(c.responseText()) : r.text(c.responseText()),
                ref(c.responseBodyRef(), r), events, c.timing(), c.usage(), r.text(c.outcome()));
    }

    private static java.util.Map<String, String> headers(java.util.Map<String, String> h, Redaction r) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        h.forEach((k, v) -> out.put(k, r.text(v)));
        return out;
    }

    private static RecordedCall.BodyRef ref(RecordedCall.BodyRef b, Redaction r) {
        if (b == null) {
            return null;
        }
        List<String> parts = b.parts().stream().map(r::text).toList();
        return new RecordedCall.BodyRef(r.text(b.contentType()), b.bytes(), b.sha256(), parts, r.text(b.model()));
    }

    private static String eventData(String data, Redaction r) {
        if (data == null) {
            return null;
        }
        String trimmed = data.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return GSON.toJson(r.json(strict(trimmed)));
            } catch (JsonParseException | java.io.IOException notJson) {
                // a text event that looks like JSON but is not: redacted as text below
            }
        }
        return r.shapesOnly() && !"[DONE]".equals(trimmed) ? Redaction.lengthOnly(data) : r.text(data);
    }

    /** Parses JSON strictly: Gson's lenient default reads {@code [DONE]} as an array holding the string "DONE". */
    static JsonElement strict(String json) throws java.io.IOException {
        com.google.gson.stream.JsonReader reader = new com.google.gson.stream.JsonReader(new java.io.StringReader(json));
        reader.setStrictness(com.google.gson.Strictness.STRICT);
        JsonElement e = GSON.getAdapter(JsonElement.class).read(reader);
        if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
            throw new JsonParseException("text after the JSON value");
        }
        return e;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
