package ai.flatkey.migrate.traffic;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes recordings the way the recording proxy does, without it: each request sent to the demo gateway with the JDK's
 * own HTTP client (not the app's wire client), its answer written as a {@link RecordedCall} by {@link RecordingWriter}
 * — SSE events with their relative times, timing and usage. Only the demo's public key is sent, and the writer
 * redacts it.
 */
final class DemoRecordings {
    static final String PLAIN = """
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello."}],"max_tokens":50}""";
    static final String STREAM = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Count to three."}],"max_tokens":50,"stream":true,"stream_options":{"include_usage":true}}""";
    static final String TOOLS = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"What is the weather in Paris?"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"tool_choice":"required","max_tokens":100}""";
    static final String JSON_OBJECT = """
            {"model":"gpt-4o-mini","messages":[{"role":"developer","content":"Answer in JSON."},{"role":"user","content":"Name a colour."}],"response_format":{"type":"json_object"},"max_tokens":100,"temperature":0.2}""";
    static final String JSON_SCHEMA = """
            {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Name a city."}],"response_format":{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}},"max_tokens":100}""";
    static final String EMBEDDINGS = """
            {"model":"text-embedding-3-small","input":["hello","world"]}""";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String key;
    private int seq;

    DemoRecordings(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** Sends {@code body} to {@code route} (e.g. {@code chat/completions}) and returns the call as recorded. */
    RecordedCall call(String route, String body) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String started = Instant.now().toString();
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/" + route))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<java.io.InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        Map<String, String> headers = new LinkedHashMap<>();
        res.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
        String type = headers.getOrDefault("content-type", "");
        List<RecordedCall.SseEvent> events = new ArrayList<>();
        Long first = null;
        JsonElement json = null;
        RecordedCall.BodyRef binary = null;
        RecordedCall.Usage usage = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            if (type.startsWith("text/event-stream")) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data:")) {
                        long at = (System.nanoTime() - start) / 1_000_000;
                        first = first == null ? at : first;
                        String data = line.substring(5).strip();
                        events.add(new RecordedCall.SseEvent(at, null, data));
                        usage = data.startsWith("{") ? usageOf(JsonParser.parseString(data), usage) : usage;
                    }
                }
            } else if (type.contains("json")) {
                String text = new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
                first = (System.nanoTime() - start) / 1_000_000;
                json = JsonParser.parseString(text);
                usage = usageOf(json, null);
            } else {
                // a binary answer (speech audio): kept by reference, as the recording proxy keeps it
                byte[] bytes = res.body().readAllBytes();
                first = (System.nanoTime() - start) / 1_000_000;
                binary = new RecordedCall.BodyRef(type, bytes.length, java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)), List.of(), null);
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        return new RecordedCall(++seq, started, "POST", "/v1/" + route,
                Map.of("content-type", "application/json"), JsonParser.parseString(body), null, res.statusCode(),
                headers, json, null, binary, events, new RecordedCall.Timing(first, total), usage, RecordedCall.COMPLETE);
    }

    private static RecordedCall.Usage usageOf(JsonElement e, RecordedCall.Usage otherwise) {
        if (e instanceof JsonObject o && o.get("usage") instanceof JsonObject u) {
            return new RecordedCall.Usage(num(u, "prompt_tokens"), num(u, "completion_tokens"), num(u, "total_tokens"));
        }
        return otherwise;
    }

    private static Integer num(JsonObject o, String field) {
        return o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsInt() : null;
    }

    /** The demo suite: plain, streamed, tools, JSON object, JSON schema, embeddings, the plain call again. */
    List<RecordedCall> suite() throws IOException, InterruptedException {
        List<RecordedCall> out = new ArrayList<>();
        out.add(call("chat/completions", PLAIN));
        out.add(call("chat/completions", STREAM));
        out.add(call("chat/completions", TOOLS));
        out.add(call("chat/completions", JSON_OBJECT));
        out.add(call("chat/completions", JSON_SCHEMA));
        out.add(call("embeddings", EMBEDDINGS));
        out.add(call("chat/completions", PLAIN));
        return out;
    }

    /** An image generation as the proxy records it: a costly call the replay lists and does not send. */
    RecordedCall image() {
        JsonObject body = JsonParser.parseString("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\"}").getAsJsonObject();
        return new RecordedCall(++seq, Instant.now().toString(), "POST", "/v1/images/generations", Map.of(), body, null,
                200, Map.of(), JsonParser.parseString("{\"created\":1,\"data\":[]}"), null, null, List.of(),
                new RecordedCall.Timing(900L, 900L), null, RecordedCall.COMPLETE);
    }

    /** Writes {@code calls} to {@code file} through the recording writer (redacted with the key sent). */
    static Path write(Path file, String upstream, List<RecordedCall> calls, String key) throws IOException {
        try (RecordingWriter w = RecordingWriter.create(file, new RecordingHeader(RecordingHeader.FORMAT,
                RecordingHeader.VERSION, Instant.now().toString(), upstream, RecordingHeader.FULL, "test"), true)) {
            Redaction r = new Redaction(false, key == null || key.isBlank() ? List.of() : List.of(key));
            for (RecordedCall c : calls) {
                w.append(c, r);
            }
        }
        return file;
    }
}
